using System.Net;
using System.Net.Http.Headers;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Step 6d: classification as a pure function of (profile, status, headers, body bytes, what was sent)
/// to an <see cref="AuthFailure"/>, or <see langword="null"/> when the response is not about authentication.
/// </summary>
internal static class ErrorClassifier
{
    private static readonly string[] EchoMarkers = ["provided:", "api key:", "apikey:", "key:", "token:"];

    private static readonly string[] FallbackRequestIdHeaders = ["x-request-id", "request-id", "apim-request-id", "x-ms-request-id", "x-amzn-requestid", "cf-ray"];

    private static readonly string[] AuthWords = ["key", "token", "auth", "credential", "permission", "scope", "forbidden", "access denied", "unauthorized", "not allowed", "令牌"];

    /// <summary>Gets a value indicating whether ApiAuth looks into responses with this status.</summary>
    public static bool IsInspected(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest;

    /// <summary>Classifies a response.</summary>
    /// <param name="profile">The provider profile.</param>
    /// <param name="response">The response (status and headers are read; its content is not touched).</param>
    /// <param name="body">The body prefix, already decoded to UTF-8.</param>
    /// <param name="sent">What the request carried.</param>
    /// <param name="host">The host the request went to.</param>
    /// <returns>The failure, or <see langword="null"/> when the response is not an auth failure.</returns>
    public static AuthFailure? Classify(ProviderProfile profile, HttpResponseMessage response, ReadOnlySpan<byte> body, in SentCredential sent, string? host)
    {
        HttpStatusCode status = response.StatusCode;
        ErrorFacts facts = ErrorBodyParser.Parse(body, response.Content?.Headers.ContentType?.MediaType, response.Headers.WwwAuthenticate);
        return Classify(profile, status, response.Headers, facts, sent, host);
    }

    /// <summary>Classifies parsed facts (the pure core, also used by tools that read a saved body).</summary>
    public static AuthFailure? Classify(ProviderProfile profile, HttpStatusCode status, HttpResponseHeaders? headers, ErrorFacts facts, in SentCredential sent, string? host)
    {
        if (!IsInspected(status))
        {
            return null;
        }

        ErrorRule? rule = Match(profile.Rules, status, facts) ?? Match(CommonRules.All, status, facts);
        if (rule is { PassThrough: true })
        {
            return null;
        }

        AuthFailureCause cause;
        string? detail = null;
        if (rule is not null)
        {
            cause = rule.Cause;
        }
        else if (status == HttpStatusCode.Unauthorized)
        {
            cause = AuthFailureCause.Unknown;
        }
        else if (status == HttpStatusCode.Forbidden && (MentionsAuth(facts) || facts.AuthenticateError is not null))
        {
            cause = AuthFailureCause.Unknown;
        }
        else
        {
            return null;
        }

        string? keyString = sent.KeyString;
        (cause, detail) = Refine(profile, cause, facts, keyString, detail);

        string? requestId = RequestId(profile, headers, facts);
        string? keyHint = sent.Hint;
        var context = new RemediationContext
        {
            Host = host,
            KeyHint = keyHint,
            Organization = sent.Organization,
            Project = sent.Project,
            RequestId = requestId,
            Detail = detail ?? DefaultDetail(cause, sent, profile),
        };

        string? message = facts.Message ?? facts.AuthenticateDescription;
        return new AuthFailure(cause, profile.Id, Remediation.Render(profile, cause, context, rule?.Remediation))
        {
            StatusCode = status,
            RequestWasSent = true,
            ErrorCode = facts.PrimaryCode,
            ServerMessage = message is null ? null : SecretRedactor.Redact(message, keyString),
            KeyHint = keyHint,
            RequestId = requestId,
            Host = host,
        };
    }

    private static ErrorRule? Match(ErrorRule[] rules, HttpStatusCode status, ErrorFacts facts)
    {
        string text = facts.AllText;
        foreach (ErrorRule rule in rules)
        {
            if (rule.Status is { } s && s != status)
            {
                continue;
            }

            if (rule.Codes is { } codes && !AnyCode(codes, facts))
            {
                continue;
            }

            if (rule.MessageContains is { } fragments && !AnyFragment(fragments, text))
            {
                continue;
            }

            if (rule.Codes is null && rule.MessageContains is null && rule.Status is null)
            {
                continue;
            }

            return rule;
        }

        return null;
    }

    private static bool AnyCode(string[] codes, ErrorFacts facts)
    {
        foreach (string value in facts.Codes())
        {
            foreach (string code in codes)
            {
                if (string.Equals(value, code, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AnyFragment(string[] fragments, string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (string fragment in fragments)
        {
            if (text.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsAuth(ErrorFacts facts) => AnyFragment(AuthWords, facts.AllText) || AnyFragment(AuthWords, string.Join(' ', facts.Codes()));

    /// <summary>Sharpens a cause with what was sent and what the server echoed.</summary>
    private static (AuthFailureCause Cause, string? Detail) Refine(ProviderProfile profile, AuthFailureCause cause, ErrorFacts facts, string? key, string? detail)
    {
        if (cause is AuthFailureCause.InvalidKey or AuthFailureCause.Unknown or AuthFailureCause.MissingKey && facts.Message is { } message)
        {
            if (EchoedKey(message) is { Length: > 0 } echoed)
            {
                if (KeyFormats.Match(echoed) is { Unmistakable: true } format && !profile.IsOwnVendor(format.Vendor) && profile.Id != BuiltInProfiles.GenericId)
                {
                    return (AuthFailureCause.WrongProviderKey, $"a {format.VendorName} key ({format.Prefix}…), as the server's echo of it shows");
                }

                if (CredentialValidator.Validate(BuiltInProfiles.Generic, echoed.Trim('\'', '"', '`')) is { Cause: AuthFailureCause.PlaceholderKey } placeholder)
                {
                    return (AuthFailureCause.PlaceholderKey, $"{placeholder.Detail}, as the server's echo of it shows");
                }
            }
        }

        if (key is null && cause is AuthFailureCause.InvalidKey or AuthFailureCause.Unknown)
        {
            return (AuthFailureCause.MissingKey, detail);
        }

        if (key is not null && cause == AuthFailureCause.MissingKey)
        {
            return profile.Id == BuiltInProfiles.GenericId
                ? (AuthFailureCause.WrongHeaderName, $"the {profile.KeyHeader} header (the server says no key arrived)")
                : (cause, detail);
        }

        return (cause, detail);
    }

    private static string? DefaultDetail(AuthFailureCause cause, in SentCredential sent, ProviderProfile profile) => cause switch
    {
        AuthFailureCause.WrongOrganization => sent.Organization is null ? "no organization header was sent, so the key's default organization was used" : $"'{sent.Organization}' was sent in {profile.OrganizationHeader}",
        AuthFailureCause.WrongProject => sent.Project is null ? "no project header was sent" : $"'{sent.Project}' was sent in {profile.ProjectHeader}",
        AuthFailureCause.WrongEndpoint => "The server says this endpoint does not accept the credential. Check the base address (host, region, resource name) against the one the key was issued for.",
        _ => null,
    };

    /// <summary>Finds a key the server echoed back (<c>Incorrect API key provided: sk-ant-…</c>).</summary>
    internal static string? EchoedKey(string message)
    {
        foreach (string marker in EchoMarkers)
        {
            int at = message.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            ReadOnlySpan<char> rest = message.AsSpan(at + marker.Length).TrimStart();
            int end = rest.IndexOfAny(" \t\r\n,");
            ReadOnlySpan<char> token = (end < 0 ? rest : rest[..end]).TrimEnd('.');
            if (!token.IsEmpty)
            {
                return token.ToString();
            }
        }

        return null;
    }

    private static string? RequestId(ProviderProfile profile, HttpResponseHeaders? headers, ErrorFacts facts)
    {
        if (headers is not null)
        {
            foreach (string name in profile.RequestIdHeaders)
            {
                if (HeaderReader.TryGetFirst(headers, name) is { Length: > 0 } id)
                {
                    return Clip(id);
                }
            }
        }

        if (facts.RequestId is { Length: > 0 } bodyId)
        {
            return Clip(bodyId);
        }

        if (headers is not null)
        {
            foreach (string name in FallbackRequestIdHeaders)
            {
                if (HeaderReader.TryGetFirst(headers, name) is { Length: > 0 } id)
                {
                    return Clip(id);
                }
            }
        }

        return null;
    }

    private static string Clip(string id) => id.Length > 128 ? id[..128] : id;
}
