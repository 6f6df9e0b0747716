using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ApiAuth.Cli.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// <c>--probe</c>: one cheap authenticated call per configured provider (list models), sent through an
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> with ApiAuth's handler, and classified by it.
/// Every outcome is data: a refusal before sending, an auth failure, another status, a timeout, DNS, TLS, anything.
/// </summary>
internal sealed class Prober
{
    /// <summary>The Azure OpenAI data-plane API version the probe lists models with (GA, widely deployed).</summary>
    public const string AzureApiVersion = "2024-10-21";

    /// <summary>The Anthropic API version header value the probe sends.</summary>
    public const string AnthropicVersion = "2023-06-01";

    private const int MaxBodyBytes = 1024 * 1024;

    private readonly Func<HttpMessageHandler>? _primaryHandler;

    /// <param name="primaryHandler">Replaces the socket handler (tests put an in-memory emulator there).</param>
    public Prober(Func<HttpMessageHandler>? primaryHandler = null)
    {
        _primaryHandler = primaryHandler;
    }

    public async Task<List<CheckResult>> RunAsync(IReadOnlyList<ConfiguredProvider> providers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        foreach (ConfiguredProvider provider in providers)
        {
            IHttpClientBuilder builder = services.AddHttpClient(provider.Setup.Id, c => c.Timeout = Timeout.InfiniteTimeSpan);
            if (_primaryHandler is not null)
            {
                builder.ConfigurePrimaryHttpMessageHandler(_primaryHandler);
            }

            builder.AddApiAuthDiagnostics(o =>
            {
                // The key goes on the request as the provider's SDK puts it (not in options, whose validation would refuse
                // a bad key at start-up): the handler then checks and classifies it exactly as it would in an app.
                o.Provider = provider.ProfileId;
                o.ThrowOnFailure = false;
            });
        }

        ServiceProvider serviceProvider = services.BuildServiceProvider();
        await using (serviceProvider.ConfigureAwait(false))
        {
            IHttpClientFactory factory = serviceProvider.GetRequiredService<IHttpClientFactory>();
            CheckResult[] results = await Task.WhenAll(providers.Select(p => ProbeOneAsync(factory, p, timeout, cancellationToken))).ConfigureAwait(false);
            return [.. results];
        }
    }

    internal static Uri? ProbeUri(ConfiguredProvider provider)
    {
        if (provider.BaseUrl is not { } baseUrl)
        {
            return null;
        }

        string root = baseUrl.GetLeftPart(UriPartial.Path);
        root = root.EndsWith('/') ? root : root + "/";
        string relative = provider.Setup.Kind switch
        {
            BaseUrlKind.OpenAI => "models",
            BaseUrlKind.Azure => $"openai/models?api-version={AzureApiVersion}",
            BaseUrlKind.Anthropic => "v1/models",
            BaseUrlKind.Gemini => "v1beta/models",
            _ => "models",
        };
        return new Uri(new Uri(root), relative);
    }

    private static async Task<CheckResult> ProbeOneAsync(IHttpClientFactory factory, ConfiguredProvider provider, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string id = $"probe.{provider.Setup.Id}";
        var result = new CheckResult(id, CheckCategory.Probe, CheckStatus.Fail, string.Empty) { Provider = provider.Setup.Id, Variable = provider.KeyVariable };
        Uri? uri = ProbeUri(provider);
        if (uri is null)
        {
            return result with
            {
                Title = $"{provider.Setup.Name}: not probed, {provider.Setup.BaseUrlVariable} is missing or unusable",
                Remediation = $"Fix {provider.Setup.BaseUrlVariable} (see above) and probe again.",
            };
        }

        string target = $"GET {uri.GetLeftPart(UriPartial.Path)}";
        string hint = ApiAuthDiagnostics.CheckKey(provider.Key, "generic").KeyHint;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        long started = Stopwatch.GetTimestamp();
        try
        {
            using HttpClient client = factory.CreateClient(provider.Setup.Id);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            AddCredential(request, provider);

            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            string elapsed = Elapsed(started);
            int status = (int)response.StatusCode;
            if (response.TryGetAuthFailure(out AuthFailure? failure))
            {
                return FromFailure(result, provider, failure, target, elapsed);
            }

            string body = await ReadBodyAsync(response, timeoutSource.Token).ConfigureAwait(false);
            string? requestId = RequestId(response);
            result = result with { HttpStatus = status, RequestId = requestId, KeyHint = hint };
            if (response.IsSuccessStatusCode)
            {
                int? models = CountModels(body);
                return result with
                {
                    Status = CheckStatus.Pass,
                    Title = $"{provider.Setup.Name}: authenticated ({status}{(models is { } n ? $", {n} models listed" : string.Empty)}, {elapsed})",
                    Detail = $"{target} with {provider.KeyVariable} ({hint})" + (requestId is null ? string.Empty : $", request id {requestId}"),
                };
            }

            string? message = ErrorMessage(body, provider.Key, hint);
            string detail = $"{target} → {status} {response.ReasonPhrase}" + (message is null ? string.Empty : $": {message}") + (requestId is null ? string.Empty : $" (request id {requestId})");
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => result with
                {
                    Status = CheckStatus.Warn,
                    Title = $"{provider.Setup.Name}: the key was accepted, but the call was rate-limited or is out of quota (429)",
                    Detail = detail,
                    Remediation = "Not an authentication problem: check the plan, billing and rate limits of the key's account.",
                },
                >= HttpStatusCode.InternalServerError => result with
                {
                    Status = CheckStatus.Warn,
                    Title = $"{provider.Setup.Name}: the server failed ({status}); authentication not determined",
                    Detail = detail,
                    Remediation = "Try again later, or check the provider's status page.",
                },
                HttpStatusCode.NotFound => result with
                {
                    Title = $"{provider.Setup.Name}: {target} answered 404 Not Found",
                    Detail = detail,
                    Remediation = $"The base URL's path is wrong for this server: check {provider.Setup.BaseUrlVariable} (see the base URL checks above).",
                },
                _ => result with
                {
                    Title = $"{provider.Setup.Name}: unexpected {status} {response.ReasonPhrase}, not recognised as an authentication failure",
                    Detail = detail,
                    Remediation = $"Read the server's message above; check {provider.Setup.BaseUrlVariable} and that the server speaks {provider.Setup.Name}'s API.",
                },
            };
        }
        catch (Exception e) when (e.TryGetAuthFailure(out AuthFailure? failure))
        {
            return FromFailure(result, provider, failure, target, Elapsed(started));
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return result with
            {
                Title = $"{provider.Setup.Name}: no answer within {timeout.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s ({target})",
                Remediation = $"Check the network path to {uri.Host} (proxy, firewall, VPN), or raise --timeout.",
            };
        }
        catch (HttpRequestException e)
        {
            return result with
            {
                Title = $"{provider.Setup.Name}: {Describe(e.HttpRequestError)} ({target})",
                Detail = Redact(e.Message, provider.Key, hint),
                Remediation = e.HttpRequestError switch
                {
                    HttpRequestError.NameResolutionError => $"The host {uri.Host} does not resolve: check {provider.Setup.BaseUrlVariable} for a typo, and DNS or VPN.",
                    HttpRequestError.ConnectionError => $"Nothing accepted the connection at {uri.Authority}: is the server running, is the port right, is a proxy or firewall in the way?",
                    HttpRequestError.SecureConnectionError => "The TLS handshake failed: a proxy that intercepts TLS needs its certificate trusted, or the URL uses https on a plain-http port.",
                    _ => $"Check {provider.Setup.BaseUrlVariable} and the network path to {uri.Host}.",
                },
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return result with
            {
                Title = $"{provider.Setup.Name}: the probe failed ({e.GetType().Name}) ({target})",
                Detail = Redact(e.Message, provider.Key, hint),
                Remediation = $"Check {provider.Setup.BaseUrlVariable} and the key's value.",
            };
        }
    }

    /// <summary>Puts the key (and OpenAI's organization and project) where the provider's official SDK puts them.</summary>
    internal static void AddCredential(HttpRequestMessage request, ConfiguredProvider provider)
    {
        switch (provider.Setup.Kind)
        {
            case BaseUrlKind.Azure:
                request.Headers.TryAddWithoutValidation("api-key", provider.Key);
                break;
            case BaseUrlKind.Anthropic:
                request.Headers.TryAddWithoutValidation("x-api-key", provider.Key);
                request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
                break;
            case BaseUrlKind.Gemini:
                request.Headers.TryAddWithoutValidation("x-goog-api-key", provider.Key);
                break;
            default:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + provider.Key);
                if (!string.IsNullOrEmpty(provider.Organization))
                {
                    request.Headers.TryAddWithoutValidation("OpenAI-Organization", provider.Organization);
                }

                if (!string.IsNullOrEmpty(provider.Project))
                {
                    request.Headers.TryAddWithoutValidation("OpenAI-Project", provider.Project);
                }

                break;
        }
    }

    private static CheckResult FromFailure(CheckResult result, ConfiguredProvider provider, AuthFailure failure, string target, string elapsed)
    {
        string sent = failure.RequestWasSent
            ? $"{target} → {(failure.StatusCode is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "?")}{(failure.ErrorCode is null ? string.Empty : $" {failure.ErrorCode}")} ({elapsed})"
            : $"{target}: not sent";
        return result with
        {
            Status = CheckStatus.Fail,
            Title = $"{provider.Setup.Name}: {failure.Description} [{failure.Cause}]",
            Detail = sent + (failure.ServerMessage is null ? string.Empty : $": \"{failure.ServerMessage}\""),
            Remediation = failure.Remediation,
            Cause = failure.Cause.ToString(),
            HttpStatus = failure.StatusCode is { } status ? (int)status : null,
            RequestId = failure.RequestId,
            KeyHint = failure.KeyHint,
        };
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve (DNS)",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ProxyTunnelError => "the proxy refused the tunnel",
        HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => "the server's answer was not valid HTTP",
        _ => "the request failed",
    };

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
        }
    }

    private static int? CountModels(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (string name in (string[])["data", "models"])
            {
                if (document.RootElement.TryGetProperty(name, out JsonElement list) && list.ValueKind == JsonValueKind.Array)
                {
                    return list.GetArrayLength();
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>The server's error message from a JSON body, with the key (and anything key-shaped) replaced by hints.</summary>
    private static string? ErrorMessage(string body, string key, string hint)
    {
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                JsonElement holder = root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object ? error : root;
                if (holder.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString();
                }
            }
        }
        catch (JsonException)
        {
            message = body.Length > 0 && body.Length <= 300 && !body.TrimStart().StartsWith('<') ? body.Trim() : null;
        }

        if (message is null)
        {
            return null;
        }

        message = Redact(message, key, hint);
        return message.Length <= 300 ? message : string.Concat(message.AsSpan(0, 297), "…");
    }

    internal static string Redact(string text, string key, string hint)
    {
        string trimmed = key.Trim();
        if (trimmed.Length >= 8)
        {
            text = text.Replace(trimmed, hint, StringComparison.Ordinal);
        }

        foreach (SecretFinding finding in SecretScanner.Scan(text))
        {
            text = text.Replace(finding.Value, finding.KeyHint, StringComparison.Ordinal);
        }

        return text;
    }

    private static string? RequestId(HttpResponseMessage response)
    {
        foreach (string name in (string[])["x-request-id", "request-id", "apim-request-id", "x-ms-request-id", "x-goog-request-id"])
        {
            if (response.Headers.TryGetValues(name, out IEnumerable<string>? values) && values.FirstOrDefault() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private static string Elapsed(long started) =>
        $"{Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
}
