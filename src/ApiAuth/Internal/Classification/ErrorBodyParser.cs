using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ApiAuth.Internal;

/// <summary>
/// The parsing half of "Parse and classify" (ARCHITECTURE.md): recognises the body's format and pulls out message,
/// code, type, status, reason and request id — OpenAI-style <c>{"error":{…}}</c> and its variants (string <c>error</c>,
/// numeric code, <c>detail</c>, top-level <c>message</c>), Anthropic, Google (also array-wrapped), Azure, RFC 9457
/// problem+json, RFC 6750 WWW-Authenticate, HTML and plain text. A forward-only <see cref="Utf8JsonReader"/> pass: no
/// DOM, no regex, bounded depth; anything malformed yields what was read before it.
/// </summary>
internal static class ErrorBodyParser
{
    private const int MaxDepth = 16;
    /// <summary>The longest message, title or text kept from a body; longer ones are cut (<see cref="ServerText.Clip"/>).</summary>
    internal const int MaxTextLength = 2048;

    /// <summary>The longest upstream body a gateway carries as a string that is kept for <see cref="UpstreamError"/>.</summary>
    internal const int MaxUpstreamRawLength = 8192;

    /// <summary>The longest upstream provider name kept (a name, never a text).</summary>
    private const int MaxUpstreamNameLength = 64;

    public static ErrorFacts Parse(ReadOnlySpan<byte> utf8, string? mediaType, HttpHeaderValueCollection<AuthenticationHeaderValue>? authenticate)
    {
        var facts = new ErrorFacts();
        ReadAuthenticate(authenticate, facts);

        ReadOnlySpan<byte> trimmed = utf8.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            facts.Format = ErrorBodyFormat.Empty;
            return facts;
        }

        if (trimmed[0] is (byte)'{' or (byte)'[')
        {
            ReadJson(trimmed, facts);
            if (facts.Format != ErrorBodyFormat.Unreadable)
            {
                facts.RequestId ??= RequestIdInMessage(facts.Message);
                if (mediaType is not null && mediaType.Contains("problem+json", StringComparison.OrdinalIgnoreCase))
                {
                    facts.Format = ErrorBodyFormat.ProblemJson;
                }

                return facts;
            }
        }

        string text = DecodeText(trimmed);
        if (text.Length == 0)
        {
            facts.Format = ErrorBodyFormat.Unreadable;
            return facts;
        }

        if (text[0] == '<' || (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            facts.Format = ErrorBodyFormat.Html;
            facts.Message = HtmlText(text);
            return facts;
        }

        facts.Format = ErrorBodyFormat.Text;
        facts.Message = ServerText.Clip(text.Trim(), MaxTextLength);
        facts.Code ??= TextErrorCode(facts.Message);
        facts.RequestId ??= RequestIdInMessage(facts.Message);
        return facts;
    }

    /// <summary>Finds the <c>(request id: …)</c> suffix one-api and new-api append to their messages.</summary>
    internal static string? RequestIdInMessage(string? message)
    {
        const string Marker = "(request id:";
        int at = message is null ? -1 : message.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<char> rest = message.AsSpan(at + Marker.Length);
        int end = rest.IndexOf(')');
        ReadOnlySpan<char> id = (end < 0 ? rest : rest[..end]).Trim();
        return id.IsEmpty || id.Length > 128 ? null : id.ToString();
    }

    /// <summary>Reads the code from a plain-text body such as Cloudflare's <c>error code: 1020</c>.</summary>
    private static string? TextErrorCode(string text)
    {
        const string Marker = "error code:";
        if (!text.StartsWith(Marker, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        ReadOnlySpan<char> rest = text.AsSpan(Marker.Length).Trim();
        int end = rest.IndexOfAny(" \t\r\n");
        ReadOnlySpan<char> code = end < 0 ? rest : rest[..end];
        return code.IsEmpty || code.Length > 64 ? null : code.ToString();
    }

    private static void ReadJson(ReadOnlySpan<byte> json, ErrorFacts facts)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = 256,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });

        // Path of property names from the root object (array wrappers are skipped), depth-limited.
        Span<int> kinds = stackalloc int[MaxDepth + 1];
        var names = new string?[MaxDepth + 1];
        int depth = -1;
        string? pendingName = null;
        bool sawObject = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        depth++;
                        if (depth <= MaxDepth)
                        {
                            names[depth] = pendingName;
                            kinds[depth] = reader.TokenType == JsonTokenType.StartObject ? 1 : 2;
                        }

                        sawObject |= reader.TokenType == JsonTokenType.StartObject;
                        pendingName = null;
                        if (depth > MaxDepth)
                        {
                            reader.Skip();
                            depth--;
                        }

                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        depth--;
                        break;
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        break;
                    case JsonTokenType.String:
                    case JsonTokenType.Number:
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        if (pendingName is not null)
                        {
                            Assign(facts, Parent(names, kinds, depth), pendingName, ScalarText(ref reader));
                        }
                        else if (depth >= 0 && kinds[Math.Min(depth, MaxDepth)] == 2 && reader.TokenType == JsonTokenType.String)
                        {
                            // An array of strings under "detail"/"errors"/"message": take the first as the message.
                            string? parent = names[Math.Min(depth, MaxDepth)];
                            if (parent is "detail" or "errors" or "message" or "messages")
                            {
                                SetMessage(facts, reader.GetString() ?? string.Empty, 1);
                            }
                        }

                        pendingName = null;
                        break;
                    default:
                        pendingName = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Truncated, malformed or too deep: keep what was read before the fault.
        }
        catch (InvalidOperationException)
        {
            // A value of an unexpected shape: keep what was read.
        }

        facts.Format = sawObject || facts.Message is not null ? ErrorBodyFormat.Json : ErrorBodyFormat.Unreadable;
    }

    /// <summary>The name of the object holding the current property, skipping array levels (Google's details[], wrapper arrays).</summary>
    private static string? Parent(string?[] names, Span<int> kinds, int depth)
    {
        int d = Math.Min(depth, MaxDepth);
        string? own = d >= 0 ? names[d] : null;
        if (own is null && d > 0 && kinds[d - 1] == 2)
        {
            // An object inside an array: report the array's name ("details"), or the root for a wrapper array.
            return names[d - 1] ?? (d - 1 == 0 ? null : names[d - 1]);
        }

        return own;
    }

    private static void Assign(ErrorFacts facts, string? parent, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        switch (parent)
        {
            case null:
                // Root object: {"message":…}, {"detail":…}, {"error":"text"}, {"code":…}, {"request_id":…}, problem+json.
                switch (name)
                {
                    case "message" or "msg" or "detail" or "Message" or "error_message" or "errorMessage" or "error_description":
                        SetMessage(facts, value, 2);
                        break;
                    case "error" or "title":
                        SetMessage(facts, value, 1);
                        break;
                    case "code" or "error_code" or "errorCode":
                        facts.Code ??= value;
                        break;
                    case "type":
                        if (value != "error" && !value.StartsWith("http", StringComparison.OrdinalIgnoreCase) && value != "about:blank")
                        {
                            facts.Type ??= value;
                        }

                        break;
                    case "status" or "statusCode":
                        // A number here only echoes the HTTP status (APIM, problem+json); a word is a code.
                        if (!ServerText.IsNumber(value))
                        {
                            facts.Status ??= value;
                        }

                        break;
                    case "request_id" or "requestId" or "request-id" or "traceId" or "trace_id":
                        facts.RequestId ??= value;
                        break;
                    case "provider":
                        // Portkey names the upstream it relayed: {"error":{…},"provider":"anthropic"}.
                        facts.UpstreamProvider ??= ServerText.Clip(value, MaxUpstreamNameLength);
                        break;
                }

                break;
            case "error" or "errors":
                switch (name)
                {
                    case "message" or "msg" or "detail":
                        SetMessage(facts, value, 3);
                        break;
                    case "code":
                        facts.Code = value;
                        break;
                    case "type":
                        facts.Type = value;
                        break;
                    case "status":
                        facts.Status = value;
                        break;
                    case "request_id" or "requestId":
                        facts.RequestId ??= value;
                        break;
                }

                break;
            case "fault" when name == "faultstring":
                // Apigee: {"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}.
                SetMessage(facts, value, 3);
                break;
            case "detail" when name == "errorcode":
                facts.Code ??= value;
                break;
            case "detail" when name == "status":
                // FastAPI-style services put their error object under "detail":
                // {"detail":{"status":"invalid_api_key","message":"Invalid API key"}} (ElevenLabs). Not "code" or "type": an app's
                // own codes live there too ({"detail":{"code":"invalid_client",…}} about webhooks; FastAPI's value_error.*).
                if (!ServerText.IsNumber(value))
                {
                    facts.Code ??= value;
                }

                break;
            case "detail" when name is "message" or "msg":
                SetMessage(facts, value, 3);
                break;
            case "details" or "metadata" or "errorInfo" when name == "reason":
                facts.Reason ??= value;
                break;
            case "metadata" when name == "raw":
            case "raw" when name == "data":
                // OpenRouter carries the upstream provider's body as a string: metadata.raw, or metadata.raw.data.
                facts.UpstreamRaw ??= ServerText.Clip(value, MaxUpstreamRawLength);
                break;
            case "metadata" when name == "provider_name":
                facts.UpstreamProvider ??= ServerText.Clip(value, MaxUpstreamNameLength);
                break;
            case "innererror" or "inner_error" or "innerError" when name == "code":
                facts.Reason ??= value;
                break;
        }
    }

    private static void SetMessage(ErrorFacts facts, string value, int priority)
    {
        if (priority > facts.MessagePriority)
        {
            facts.Message = ServerText.Clip(value, MaxTextLength);
            facts.MessagePriority = priority;
        }
    }

    private static string? ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };

    private static void ReadAuthenticate(HttpHeaderValueCollection<AuthenticationHeaderValue>? authenticate, ErrorFacts facts)
    {
        if (authenticate is null || authenticate.Count == 0)
        {
            return;
        }

        foreach (AuthenticationHeaderValue value in authenticate)
        {
            bool bearer = string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);
            string? error = value.Parameter is { Length: > 0 } parameter ? AuthParameter(parameter, "error") : null;
            if (error is null)
            {
                facts.BareBearerChallenge |= bearer;
                continue;
            }

            facts.AuthenticateError ??= error;
            facts.AuthenticateDescription ??= AuthParameter(value.Parameter!, "error_description");
        }
    }

    /// <summary>Reads <c>name="value"</c> (or <c>name=value</c>) from an RFC 7235 parameter list.</summary>
    internal static string? AuthParameter(string parameters, string name)
    {
        int i = 0;
        while (i < parameters.Length)
        {
            while (i < parameters.Length && (parameters[i] is ' ' or ',' or '\t'))
            {
                i++;
            }

            int eq = parameters.IndexOf('=', i);
            if (eq < 0)
            {
                return null;
            }

            string key = parameters[i..eq].Trim();
            int start = eq + 1;
            string value;
            if (start < parameters.Length && parameters[start] == '"')
            {
                var sb = new StringBuilder();
                int j = start + 1;
                while (j < parameters.Length && parameters[j] != '"')
                {
                    if (parameters[j] == '\\' && j + 1 < parameters.Length)
                    {
                        j++;
                    }

                    sb.Append(parameters[j]);
                    j++;
                }

                value = sb.ToString();
                i = j + 1;
            }
            else
            {
                int end = parameters.IndexOf(',', start);
                end = end < 0 ? parameters.Length : end;
                value = parameters[start..end].Trim();
                i = end;
            }

            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return ServerText.Clip(value, MaxTextLength);
            }
        }

        return null;
    }

    private static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> slice = bytes.Length > MaxTextLength * 4 ? bytes[..(MaxTextLength * 4)] : bytes;
        string text = Encoding.UTF8.GetString(slice);
        if (text.AsSpan().ContainsAnyExcept(PrintableText))
        {
            // Binary garbage: count how much is readable; below half, treat it as unreadable.
            int readable = text.Length - CountOutside(text);
            if (readable * 2 < text.Length)
            {
                return string.Empty;
            }
        }

        return text;
    }

    private static readonly SearchValues<char> PrintableText = SearchValues.Create(
        " \t\r\n!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static int CountOutside(string text)
    {
        int n = 0;
        foreach (char c in text)
        {
            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
            {
                n++;
            }
        }

        return n;
    }

    private static string HtmlText(string html)
    {
        string? title = Between(html, "<title", "</title>") ?? Between(html, "<h1", "</h1>");
        if (title is not null)
        {
            return ServerText.Clip(title.Trim(), MaxTextLength);
        }

        var sb = new StringBuilder();
        bool inTag = false;
        foreach (char c in html)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>')
            {
                inTag = false;
                sb.Append(' ');
            }
            else if (!inTag)
            {
                sb.Append(c);
            }

            if (sb.Length > MaxTextLength)
            {
                break;
            }
        }

        return ServerText.Clip(string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), MaxTextLength);
    }

    private static string? Between(string html, string open, string close)
    {
        int start = html.IndexOf(open, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        int gt = html.IndexOf('>', start);
        int end = gt < 0 ? -1 : html.IndexOf(close, gt, StringComparison.OrdinalIgnoreCase);
        return end < 0 ? null : html[(gt + 1)..end];
    }
}
