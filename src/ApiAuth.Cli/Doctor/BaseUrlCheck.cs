using ApiAuth.Internal;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// Checks a base URL variable the way the SDK will use it: whitespace and quotes, scheme and host, plain http,
/// a version segment where the SDK expects one (or not), and a full endpoint pasted where a base URL belongs.
/// </summary>
internal static class BaseUrlCheck
{
    private static readonly string[] OpenAIEndpointSuffixes =
    [
        "/chat/completions", "/completions", "/responses", "/embeddings", "/models", "/images/generations",
        "/audio/transcriptions", "/audio/speech", "/moderations", "/assistants", "/batches", "/files",
    ];

    /// <summary>Checks <paramref name="raw"/> (the variable's value) and returns the URL the SDK would use, if it can parse one.</summary>
    public static Uri? Check(ProviderSetup provider, string raw, List<CheckResult> results)
    {
        string variable = provider.BaseUrlVariable;
        string id = $"base-url.{provider.Id}";
        CheckResult Result(string suffix, CheckStatus status, string title) =>
            new($"{id}.{suffix}", CheckCategory.BaseUrl, status, title) { Provider = provider.Id, Variable = variable };

        string value = raw.Trim();
        if (value.Length != raw.Length)
        {
            results.Add(Result("whitespace", CheckStatus.Fail, $"{variable} has {DescribeWhitespace(raw)} around the URL") with
            {
                Remediation = $"Set {variable} again without it (a line break usually comes from `echo` into a file or a copied line end); some SDKs fail to parse the URL, others send requests to a wrong path.",
            });
        }

        if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
        {
            results.Add(Result("quotes", CheckStatus.Fail, $"{variable} is wrapped in quotes") with
            {
                Remediation = $"Remove the quotes from the value of {variable}: the SDK reads them as part of the URL.",
            });
            value = value[1..^1].Trim();
        }

        if (value.Length == 0)
        {
            results.Add(Result("empty", CheckStatus.Fail, $"{variable} is set but empty") with
            {
                Remediation = provider.DefaultBaseUrl is { } d
                    ? $"Unset {variable} to use the default ({d}), or set it to the base URL of your server."
                    : $"Set {variable} to your resource's endpoint, https://<resource>.openai.azure.com/.",
            });
            return null;
        }

        if (value.AsSpan().ContainsAny(" \t\r\n"))
        {
            results.Add(Result("whitespace-inside", CheckStatus.Fail, $"{variable} has whitespace inside the URL") with
            {
                Remediation = $"Set {variable} to a single URL with no spaces or line breaks.",
            });
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            bool noScheme = !value.Contains("://", StringComparison.Ordinal);
            results.Add(Result("invalid", CheckStatus.Fail, noScheme
                ? $"{variable} has no scheme (\"{Shorten(value)}\")"
                : $"{variable} is not an http(s) URL (\"{Shorten(value)}\")") with
            {
                Remediation = noScheme
                    ? $"Start {variable} with https:// (for example https://{Shorten(value).TrimStart('/')})."
                    : $"Set {variable} to an absolute https:// URL.",
            });
            return null;
        }

        HostKind? plainHttpTo = uri.Scheme == Uri.UriSchemeHttp ? HostKindOf(uri) : null;
        if (plainHttpTo == HostKind.Public)
        {
            results.Add(Result("insecure", CheckStatus.Fail, $"{variable} uses plain http to {uri.Host}: the key would travel in clear text") with
            {
                Remediation = $"Use https://{uri.Authority}{uri.AbsolutePath}. ApiAuth refuses to send a key over plain http to a public host.",
            });
        }
        else if (plainHttpTo == HostKind.OwnNetwork)
        {
            results.Add(Result("insecure", CheckStatus.Warn, $"{variable} uses plain http to {uri.Host} on your own network: the key would travel in clear text") with
            {
                Remediation = $"Use https://{uri.Authority}{uri.AbsolutePath} if the server offers it. ApiAuth sends a key there with a warning, but refuses a key in a cloud provider's format (OpenAI, Anthropic, Google …).",
            });
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            results.Add(Result("query", CheckStatus.Warn, $"{variable} has a query string or fragment") with
            {
                Remediation = "SDKs append paths to the base URL; a query string in it ends up in the wrong place. Remove it (an api-version belongs in the client options).",
            });
        }

        int before = results.Count;
        CheckPath(provider, uri, Result, results);
        if (results.Count == before && !results.Any(r => r.Id.StartsWith(id, StringComparison.Ordinal) && r.Status == CheckStatus.Fail))
        {
            results.Add(Result("ok", CheckStatus.Pass, $"{variable} = {uri.GetLeftPart(UriPartial.Path)}"));
        }

        return uri;
    }

    private static void CheckPath(ProviderSetup provider, Uri uri, Func<string, CheckStatus, string, CheckResult> result, List<CheckResult> results)
    {
        string variable = provider.BaseUrlVariable;
        string path = uri.AbsolutePath.TrimEnd('/');
        string root = uri.GetLeftPart(UriPartial.Authority);
        string host = uri.IdnHost;
        switch (provider.Kind)
        {
            case BaseUrlKind.OpenAI:
            {
                string? suffix = OpenAIEndpointSuffixes.FirstOrDefault(s => path.EndsWith(s, StringComparison.OrdinalIgnoreCase));
                if (suffix is not null)
                {
                    string fixedUrl = root + path[..^suffix.Length];
                    results.Add(result("endpoint", CheckStatus.Fail, $"{variable} is a full endpoint ({path}), not a base URL") with
                    {
                        Remediation = $"Set {variable} to {fixedUrl}: the SDK appends {suffix} itself, so this URL gives {path}{suffix} (404).",
                    });
                }
                else if (ProviderSetup.OpenAI.Serves(host) && !path.Equals("/v1", StringComparison.Ordinal))
                {
                    results.Add(result("version", CheckStatus.Fail, $"{variable} points at {host} without /v1 (path \"{(path.Length == 0 ? "/" : path)}\")") with
                    {
                        Remediation = $"Set {variable} to {ProviderSetup.OpenAI.DefaultBaseUrl}, or unset it: the OpenAI SDKs expect the /v1 in the base URL.",
                    });
                }
                else if (!HasVersionSegment(path))
                {
                    results.Add(result("version", CheckStatus.Warn, $"{variable} has no version segment such as /v1 ({uri.GetLeftPart(UriPartial.Path)})") with
                    {
                        Remediation = $"The OpenAI SDKs append /chat/completions to the base URL as is. Most OpenAI-compatible servers (Ollama, vLLM, LM Studio, LiteLLM) serve under /v1: try {root}{path}/v1 if calls answer 404.",
                    });
                }

                break;
            }

            case BaseUrlKind.Anthropic:
                if (path.EndsWith("/messages", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/models", StringComparison.OrdinalIgnoreCase))
                {
                    string trimmed = path[..path.LastIndexOf('/')];
                    trimmed = trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed[..^3] : trimmed;
                    results.Add(result("endpoint", CheckStatus.Fail, $"{variable} is a full endpoint ({path}), not a base URL") with
                    {
                        Remediation = $"Set {variable} to {root}{trimmed}: the Anthropic SDKs append /v1/messages themselves.",
                    });
                }
                else if (path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
                {
                    bool official = ProviderSetup.Anthropic.Serves(host);
                    results.Add(result("version", official ? CheckStatus.Fail : CheckStatus.Warn, $"{variable} ends in /v1, but the Anthropic SDKs append /v1/messages") with
                    {
                        Remediation = $"Set {variable} to {root}{path[..^3]} (the requests would go to {path}/v1/messages, a 404).",
                    });
                }

                break;

            case BaseUrlKind.Azure:
                if (path.Contains("/openai/deployments", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase))
                {
                    results.Add(result("endpoint", CheckStatus.Fail, $"{variable} is a full request URL ({path}), not the resource endpoint") with
                    {
                        Remediation = $"Set {variable} to {root}/ (Keys and Endpoint in the Azure portal); the deployment and api-version go in the client options.",
                    });
                }
                else if (path.Length > 0)
                {
                    results.Add(result("path", CheckStatus.Warn, $"{variable} has a path ({path}); the Azure OpenAI SDKs expect the resource root") with
                    {
                        Remediation = path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase)
                            ? $"{root}{path} is the base URL for the plain OpenAI SDK (v1 API); for the Azure OpenAI SDK set {variable} to {root}/."
                            : $"Set {variable} to {root}/ unless a gateway needs the path.",
                    });
                }

                if (!ProviderSetup.AzureOpenAI.Serves(host) && !uri.IsLoopback)
                {
                    results.Add(result("host", CheckStatus.Info, $"{host} is not an Azure OpenAI host ({string.Join(", ", ProviderSetup.AzureOpenAI.Info.Hosts)})") with
                    {
                        Detail = "Fine for an API Management gateway or a proxy; otherwise copy the endpoint from the resource's Keys and Endpoint page.",
                    });
                }

                break;

            case BaseUrlKind.Gemini:
                if (path.Contains("/models", StringComparison.OrdinalIgnoreCase) || path.Contains(':', StringComparison.Ordinal))
                {
                    results.Add(result("endpoint", CheckStatus.Fail, $"{variable} is a full endpoint ({path}), not a base URL") with
                    {
                        Remediation = $"Set {variable} to {root}: the Google Gen AI SDKs append /v1beta/models/… themselves.",
                    });
                }
                else if (HasVersionSegment(path))
                {
                    results.Add(result("version", CheckStatus.Warn, $"{variable} includes a version ({path}); the Google Gen AI SDKs add the API version themselves") with
                    {
                        Remediation = $"Set {variable} to {root} (requests would otherwise go to {path}/v1beta/…).",
                    });
                }

                break;
        }
    }

    /// <summary>Where the host is for ApiAuth's plain-http rule: the library's own <see cref="EndpointRules.Classify"/>.</summary>
    /// <param name="uri">The base URL.</param>
    /// <returns>Local, the user's own network, or public.</returns>
    internal static HostKind HostKindOf(Uri uri) => EndpointRules.Classify(uri);

    /// <summary>A path segment like <c>v1</c>, <c>v1beta</c>, <c>v4</c> or <c>v1alpha2</c>.</summary>
    private static bool HasVersionSegment(string path)
    {
        foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.Length >= 2 && (segment[0] is 'v' or 'V') && char.IsAsciiDigit(segment[1]))
            {
                return true;
            }
        }

        return false;
    }

    internal static string DescribeWhitespace(string raw)
    {
        if (raw.AsSpan().ContainsAny("\r\n"))
        {
            return "a line break";
        }

        if (raw.AsSpan().ContainsAny("\u200B\u200C\u200D\uFEFF\u2060"))
        {
            return "an invisible character";
        }

        return "spaces or tabs";
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "…");
}
