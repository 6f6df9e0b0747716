using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiAuth.Cli.Secrets;
using ApiAuth.Internal;

namespace ApiAuth.Cli.Explain;

/// <summary>
/// Reads an error body or a log line (an SDK exception, a curl transcript, a JSON body, a Python dict repr) and
/// classifies it offline with <see cref="ApiAuthDiagnostics.ClassifyResponse"/>.
/// </summary>
internal static partial class Explainer
{
    public static Explanation Explain(string text, string? provider = null, int? status = null)
    {
        (string? body, string? contentType) = FindBody(text);
        string bodyText = body ?? text;

        (int statusCode, string statusSource) = status is { } s
            ? (s, "option")
            : FindStatus(text, body) is { } found ? (found, "text") : (401, "assumed");

        (string providerId, string providerSource) = provider is not null
            ? (provider, "option")
            : DetectProvider(text, bodyText);

        var headers = new List<KeyValuePair<string, string>>();
        if (RequestIdPattern().Match(text) is { Success: true } requestId)
        {
            headers.Add(new(requestId.Groups["name"].Value, requestId.Groups["id"].Value));
        }
        else if (BareRequestIdPattern().Match(text) is { Success: true } bare)
        {
            headers.Add(new("x-request-id", bare.Value));
        }

        if (WwwAuthenticatePattern().Match(text) is { Success: true } challenge)
        {
            headers.Add(new("WWW-Authenticate", challenge.Groups["value"].Value.Trim()));
        }

        AuthFailure? failure = ApiAuthDiagnostics.ClassifyResponse(providerId, new SavedResponse { StatusCode = (HttpStatusCode)statusCode, Body = bodyText, ContentType = contentType ?? "text/plain", Headers = headers });
        (string? message, string? code) = failure is null && body is not null ? ServerSaid(body) : (null, null);
        return new Explanation
        {
            KeyEnding = ErrorClassifier.EchoedKeyEnding(failure?.ServerMessage ?? bodyText),
            ServerMessage = message is null ? null : MaskKeys(message),
            ServerCode = code,
            Provider = providerId,
            ProviderSource = providerSource,
            Status = statusCode,
            StatusSource = statusSource,
            FoundBody = body is not null,
            Failure = failure,
            KeysInText = [.. SecretScanner.Scan(text).Select(f => f.KeyHint).Distinct()],
        };
    }

    /// <summary>The message and code of an error body (<c>{"error":{"message","code"|"type"}}</c>, <c>{"message"}</c>, <c>{"error":"…"}</c>).</summary>
    internal static (string? Message, string? Code) ServerSaid(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0 ? document.RootElement[0] : document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            JsonElement error = root.TryGetProperty("error", out JsonElement e) ? e : root;
            if (error.ValueKind == JsonValueKind.String)
            {
                return (error.GetString(), null);
            }

            string? Text(string name) => error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out JsonElement v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
                : null;
            return (Text("message") ?? Text("detail"), Text("code") ?? Text("type") ?? Text("status"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string MaskKeys(string text)
    {
        foreach (Secrets.SecretFinding finding in SecretScanner.Scan(text))
        {
            text = text.Replace(finding.Value, finding.KeyHint, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Finds the first JSON object (or array) in the text; converts a Python dict repr when that is what it is.</summary>
    internal static (string? Body, string? ContentType) FindBody(string text)
    {
        for (int start = text.IndexOf('{', StringComparison.Ordinal); start >= 0 && start < text.Length; start = text.IndexOf('{', start + 1))
        {
            if (TryReadJson(text.AsSpan(start)) is { } json)
            {
                return (json, "application/json");
            }

            if (PythonRepr.TryConvert(text.AsSpan(start)) is { } converted && TryReadJson(converted) is { } fromPython)
            {
                return (fromPython, "application/json");
            }
        }

        return (null, null);
    }

    private static string? TryReadJson(ReadOnlySpan<char> candidate)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(candidate.ToArray());
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            reader.Skip();
            int consumed = (int)reader.BytesConsumed;
            string json = Encoding.UTF8.GetString(bytes, 0, consumed);

            // An object with no "error", "message", "type" or "code" is not an error body (a log's structured context, say).
            return json.Contains("error", StringComparison.OrdinalIgnoreCase) || json.Contains("message", StringComparison.OrdinalIgnoreCase)
                ? json
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? FindStatus(string text, string? body)
    {
        foreach (Regex pattern in (Regex[])[StatusPattern(), StatusWordPattern()])
        {
            if (pattern.Match(text) is { Success: true } m && int.TryParse(m.Groups["s"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s is >= 400 and < 600)
            {
                return s;
            }
        }

        // Google's body carries the status: {"error":{"code":400,...}}.
        if (body is not null && GoogleCodePattern().Match(body) is { Success: true } g)
        {
            return int.Parse(g.Groups["s"].Value, CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static (string Provider, string Source) DetectProvider(string text, string body)
    {
        foreach (Match url in UrlPattern().Matches(text))
        {
            if (Uri.TryCreate(url.Value.TrimEnd('.', ',', ')', '\'', '"'), UriKind.Absolute, out Uri? uri))
            {
                string id = ApiAuthDiagnostics.DetectProvider(uri);
                if (id != "generic")
                {
                    return (id, "host");
                }
            }
        }

        string all = body + "\n" + text;
        if (Contains(all, "authentication_error", "permission_error", "x-api-key", "anthropic-version", "anthropic.", "Anthropic"))
        {
            return ("anthropic", "body");
        }

        if (Contains(all, "API_KEY_INVALID", "PERMISSION_DENIED", "UNAUTHENTICATED", "INVALID_ARGUMENT", "googleapis", "CONSUMER_SUSPENDED", "API key not valid", "google.genai", "unregistered callers"))
        {
            return ("gemini", "body");
        }

        if (Contains(all, "subscription key", "Ocp-Apim", "PermissionDenied", "AuthenticationTypeDisabled", "DeploymentNotFound", "apim-request-id", "AzureOpenAI", "Azure OpenAI"))
        {
            return ("azure-openai", "body");
        }

        if (Contains(all, "invalid_api_key", "platform.openai.com", "Incorrect API key provided", "invalid_request_error", "openai.", "OpenAI", "mismatched_organization", "mismatched_project", "OPENAI_API_KEY"))
        {
            return ("openai", "body");
        }

        return ("generic", "default");
    }

    private static bool Contains(string text, params string[] needles) =>
        needles.Any(n => text.Contains(n, StringComparison.Ordinal));

    [GeneratedRegex(@"(?:\bHTTP(?:/\d(?:\.\d)?)?[\s:]*|\bError code:\s*|\bstatus(?:[ _-]?code)?[""']?\s*[:=]?\s*|\bStatusCode[:=]\s*|\bresponse status is\s*)(?<s>[45]\d\d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"\b(?<s>[45]\d\d)\s*(?:\(|-\s*)?(?:Unauthorized|Forbidden|Bad Request|Not Found|Too Many Requests)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusWordPattern();

    [GeneratedRegex(@"""code""\s*:\s*(?<s>4\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleCodePattern();

    [GeneratedRegex(@"(?<name>x-request-id|request-id|apim-request-id|x-ms-request-id|x-goog-request-id)[""']?\s*[:=]\s*[""']?(?<id>[A-Za-z0-9_\-]{6,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();

    [GeneratedRegex(@"\breq_[A-Za-z0-9]{10,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex BareRequestIdPattern();

    [GeneratedRegex(@"WWW-Authenticate[""']?\s*:\s*(?<value>[^\r\n]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WwwAuthenticatePattern();

    [GeneratedRegex(@"https?://[^\s""'<>()]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
