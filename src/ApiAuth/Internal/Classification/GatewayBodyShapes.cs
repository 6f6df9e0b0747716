using System.Text.Json;

namespace ApiAuth.Internal;

/// <summary>
/// Error body shapes of OAuth servers and API gateways that <see cref="ErrorBodyParser"/> does not read, filled in after
/// it (issue 14, class 4: standards read leniently). Only what the main parse left empty is set; one forward-only
/// <see cref="Utf8JsonReader"/> pass over the root and one level below it, no DOM.
/// <list type="bullet">
/// <item>OAuth 2.0 token endpoint (RFC 6749 §5.2) and RFC 6750 bodies: <c>{"error":"invalid_client","error_description":"…"}</c>.
/// The root <c>error</c> is the error code when it is a code token (lower case words joined by <c>_</c>, as every code RFC 6749
/// and RFC 6750 define); the description is read as the message, or, next to another message, as the challenge's description
/// would be. Keycloak, OpenIddict, Microsoft Entra, Kong oauth2.</item>
/// <item>Deepgram: <c>{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials.","request_id":"…"}</c> (developers.deepgram.com, errors).</item>
/// <item>Kong jwt plugin: a failed registered-claim check answers with the claim errors themselves, <c>{"exp":"token expired"}</c>
/// (Kong/kong kong/plugins/jwt/handler.lua, <c>jwt:verify_registered_claims</c>; messages from kong/plugins/jwt/jwt_parser.lua).</item>
/// <item>NHN Cloud API Gateway: <c>{"header":{"resultCode":20001,"resultMessage":"20001 HMAC authentication failed (…)"}}</c>
/// (TOAST-DOCS/API-Gateway error-code.md).</item>
/// <item>WSO2 API Manager (legacy fault envelope): <c>{"fault":{"code":900902,"message":"Missing Credentials","description":"…"}}</c>
/// (WSO2 API Manager docs, "Error Handling": 900901 invalid credentials, 900902 missing credentials).</item>
/// </list>
/// </summary>
internal static class GatewayBodyShapes
{
    /// <summary>Fills in what the main parse left empty from the shapes above.</summary>
    /// <param name="body">The body prefix (UTF-8).</param>
    /// <param name="facts">The facts the main parse read; only empty fields are set.</param>
    public static void Read(ReadOnlySpan<byte> body, ErrorFacts facts)
    {
        ReadOnlySpan<byte> trimmed = body.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{' || facts.Format is not (ErrorBodyFormat.Json or ErrorBodyFormat.ProblemJson))
        {
            return;
        }

        string? rootError = null;
        string? errorDescription = null;
        string? errCode = null;
        string? errMsg = null;
        string? claimError = null;
        string? resultMessage = null;
        string? faultCode = null;
        string? faultMessage = null;

        var reader = new Utf8JsonReader(trimmed, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        int depth = 0;
        string? container = null;
        string? name = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        depth++;
                        if (depth == 2)
                        {
                            container = reader.TokenType == JsonTokenType.StartObject ? name : null;
                        }
                        else if (depth > 2)
                        {
                            reader.Skip();
                            depth--;
                        }

                        name = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        container = depth == 1 ? null : container;
                        break;
                    case JsonTokenType.PropertyName:
                        name = reader.GetString();
                        break;
                    case JsonTokenType.String or JsonTokenType.Number:
                        string? value = reader.TokenType == JsonTokenType.String ? reader.GetString() : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        if (depth == 1 && reader.TokenType == JsonTokenType.String)
                        {
                            switch (name)
                            {
                                case "error":
                                    rootError ??= value;
                                    break;
                                case "error_description":
                                    errorDescription ??= value;
                                    break;
                                case "err_code":
                                    errCode ??= value;
                                    break;
                                case "err_msg":
                                    errMsg ??= value;
                                    break;
                                case "exp" or "nbf":
                                    claimError ??= value;
                                    break;
                            }
                        }
                        else if (depth == 2 && container == "header" && name == "resultMessage")
                        {
                            resultMessage ??= value;
                        }
                        else if (depth == 2 && container == "fault" && name == "code")
                        {
                            faultCode ??= value;
                        }
                        else if (depth == 2 && container == "fault" && name == "message")
                        {
                            faultMessage ??= value;
                        }

                        name = null;
                        break;
                    default:
                        name = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Truncated or malformed: keep what was read before the fault.
        }
        catch (InvalidOperationException)
        {
            // A string that cannot be decoded (a lone surrogate escape, "\uDFFF"): keep what was read before it.
        }

        if (facts.Code is null)
        {
            facts.Code = IsCodeToken(rootError) ? rootError : errCode ?? faultCode;
        }

        // An OAuth body that carries both a message and error_description ({"message":"JWT access token is not valid",
        // "error":"invalid_token","error_description":"The access token is invalid or expired"}): the description is the
        // RFC 6749 §5.2 field a challenge would carry, so it is read as one when the response sent no challenge of its own.
        if (IsCodeToken(rootError) && facts.AuthenticateDescription is null && errorDescription is { Length: > 0 } description
            && !string.Equals(description, facts.Message, StringComparison.Ordinal))
        {
            facts.AuthenticateDescription = ServerText.Clip(description, ErrorBodyParser.MaxTextLength);
        }

        if (facts.Message is null && (errMsg ?? claimError ?? resultMessage ?? faultMessage) is { Length: > 0 } message)
        {
            facts.Message = ServerText.Clip(message, ErrorBodyParser.MaxTextLength);
            facts.MessagePriority = 2;
        }
    }

    /// <summary>
    /// Whether a value is an error code token of the OAuth family: lower-case ASCII words joined by underscores
    /// (<c>invalid_client</c>, <c>unauthorized_client</c>, <c>invalid_grant</c>, <c>insufficient_scope</c>), at most 64 characters.
    /// A sentence (<c>"Key not authorised"</c>) or a single word (<c>"Unauthorized"</c>) is not one.
    /// </summary>
    internal static bool IsCodeToken(string? value)
    {
        if (value is null || value.Length is < 3 or > 64 || value[0] is < 'a' or > 'z' || value[^1] == '_')
        {
            return false;
        }

        bool underscore = false;
        foreach (char c in value)
        {
            if (c == '_')
            {
                underscore = true;
            }
            else if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return underscore;
    }
}
