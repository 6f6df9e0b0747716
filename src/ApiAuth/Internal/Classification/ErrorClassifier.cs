using System.Net;
using System.Net.Http.Headers;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Parse and classify (ARCHITECTURE.md): classification as a pure function of (profile, status, headers, body bytes,
/// what was sent) to an <see cref="AuthFailure"/>, or <see langword="null"/> when the response is not about
/// authentication. Rules are data (the profile's, then <see cref="CommonRules"/>); what the server echoed of the key
/// sharpens the cause. A 401 is an auth failure unless a pass-through rule matches. A 400 or 403 is one only on
/// positive evidence: a rule whose <see cref="ErrorRule.Evidence"/> counts there (a structured code, the provider's own
/// wording, or for services without a profile an unambiguous auth phrase). Never a bare word: everything else passes
/// through untouched.
/// </summary>
internal static partial class ErrorClassifier
{
    /// <summary>Request-id headers tried after the profile's own and the body's, most specific first; <c>cf-ray</c> last.</summary>
    private static readonly string[] FallbackRequestIdHeaders =
    [
        "x-request-id", "request-id", "apim-request-id", "x-ms-request-id", "x-amzn-requestid", "x-amz-request-id",
        "x-kong-request-id", "x-oneapi-request-id", "x-litellm-call-id", "x-correlation-id", "cf-ray",
    ];

    private const string WrongHeaderAfterMissingTemplate =
        "{Host} says no credential arrived, although one was sent in {Detail}. The service reads its key from another header or scheme (Kong: 'apikey', Azure API Management: 'Ocp-Apim-Subscription-Key', Anthropic-style services: 'x-api-key'); check its documentation, or configure ApiAuthDiagnosticsOptions.Provider so the key goes where it is read.";

    /// <summary>The longest request id kept: ids are short tokens, so a longer value is cut rather than carried whole.</summary>
    internal const int MaxRequestIdLength = 128;

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
    public static AuthFailure? Classify(ProviderProfile profile, HttpResponseMessage response, ReadOnlySpan<byte> body, in SentCredential sent, string? host) =>
        Classify(profile, response, body, sent, new RequestSummary(null, host, null));

    /// <summary>Classifies a response, with what ApiAuth knows of the request that got it.</summary>
    /// <param name="profile">The provider profile.</param>
    /// <param name="response">The response (status and headers are read; its content is not touched).</param>
    /// <param name="body">The body prefix, already decoded to UTF-8.</param>
    /// <param name="sent">What the request carried.</param>
    /// <param name="request">Where the request went and when the answer came.</param>
    /// <param name="echo">
    /// A matcher the caller keeps for the key (the handler's, per client), used when it is for the key that was sent: the
    /// key's hash index is then built once per key instead of once per failure. <see langword="null"/>: built here.
    /// </param>
    /// <returns>The failure, or <see langword="null"/> when the response is not an auth failure.</returns>
    public static AuthFailure? Classify(ProviderProfile profile, HttpResponseMessage response, ReadOnlySpan<byte> body, in SentCredential sent, in RequestSummary request, KeyEchoMatcher? echo = null)
    {
        HttpStatusCode status = response.StatusCode;
        if (!IsInspected(status))
        {
            return null;
        }

        ErrorFacts facts = ReadFacts(response, body);
        return Classify(profile, status, response.Headers, facts, sent, request, echo);
    }

    /// <summary>Gets a value indicating whether <paramref name="echo"/> finds echoes of exactly the key <paramref name="sent"/> carried.</summary>
    /// <param name="echo">A matcher kept from an earlier failure, or <see langword="null"/>.</param>
    /// <param name="sent">What the request carried.</param>
    /// <returns><see langword="true"/> when the matcher may stand for the key.</returns>
    internal static bool IsFor(KeyEchoMatcher? echo, in SentCredential sent) =>
        echo is not null && sent.HeaderValue is not null && !sent.IsBasic && sent.Key.SequenceEqual(echo.Key);

    /// <summary>Reads what a response says: its body and challenge, plus codes gateways put in headers.</summary>
    /// <param name="response">The response (its content is not touched).</param>
    /// <param name="body">The body prefix, already decoded to UTF-8.</param>
    /// <returns>The facts.</returns>
    internal static ErrorFacts ReadFacts(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        ErrorFacts facts = ErrorBodyParser.Parse(body, ResponseHeaderView.ContentType(response.Content)?.MediaType, ResponseHeaderView.Challenges(response.Headers));

        // AWS API Gateway names its error in a header (x-amzn-errortype: UnauthorizedException[:details]).
        if (facts.Code is null && HeaderReader.TryGetFirst(response.Headers, "x-amzn-errortype") is { Length: > 0 } awsType)
        {
            int colon = awsType.IndexOf(':', StringComparison.Ordinal);
            facts.Code = colon < 0 ? awsType : awsType[..colon];
        }

        // A challenge .NET cannot parse — RFC 6750 parameters without the auth-scheme in front
        // (error="invalid_token", error_description="The Access Token expired") — is read from its raw text, leniently.
        if (facts.AuthenticateError is null && response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out HeaderStringValues challenges))
        {
            foreach (string challenge in challenges)
            {
                string parameters = ChallengeParameters(challenge);
                if (parameters.Contains("error=", StringComparison.OrdinalIgnoreCase) && ErrorBodyParser.AuthParameter(parameters, "error") is { Length: > 0 } error)
                {
                    facts.AuthenticateError = error;
                    facts.AuthenticateDescription ??= ErrorBodyParser.AuthParameter(parameters, "error_description");
                    break;
                }
            }
        }

        // Shapes of OAuth token endpoints and gateways the parser does not read ({"error":"invalid_client",…}, Kong, NHN, WSO2).
        GatewayBodyShapes.Read(body, facts);
        return facts;
    }

    /// <summary>
    /// The parameter list of a raw challenge: the text from the first parameter name on, without the auth-scheme and any
    /// stray separator after it (<c>Bearer, error="invalid_token"</c> as dadi/api sent it; <c>Bearer realm="service" error=…</c>
    /// without a comma as Kong's oauth2 plugin does). A challenge without a scheme is returned whole.
    /// </summary>
    private static string ChallengeParameters(string challenge)
    {
        int eq = challenge.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return challenge;
        }

        int cut = challenge.AsSpan(0, eq).LastIndexOfAny(' ', ',', '\t');
        return cut < 0 ? challenge : challenge[(cut + 1)..];
    }

    /// <summary>
    /// Gets a value indicating whether a cause is specific enough that a structured code naming it is not overridden by
    /// wording (an <c>organization_disabled</c> code whose message mentions a leak stays <c>AccountDisabled</c>).
    /// </summary>
    private static bool IsSpecificCause(AuthFailureCause cause) =>
        cause is AuthFailureCause.AccountDisabled or AuthFailureCause.WrongOrganization or AuthFailureCause.WrongProject
            or AuthFailureCause.WrongEndpoint or AuthFailureCause.ExpiredCredential or AuthFailureCause.MalformedAuthorizationHeader;

    /// <summary>
    /// Gets a value indicating whether the server's own challenge says the authorization is malformed (RFC 6750
    /// <c>invalid_request</c>). RFC 6750 also uses the code for a missing or repeated request parameter, so at 400 it counts
    /// only when its description is about the credential ("more than one method for including an access token", "malformed
    /// Authorization header"); a 400 about the request's parameters passes through.
    /// </summary>
    private static bool ChallengeSaysMalformed(HttpStatusCode status, ErrorFacts facts)
    {
        if (!string.Equals(facts.AuthenticateError, "invalid_request", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (status == HttpStatusCode.Unauthorized)
        {
            return true;
        }

        // About the credential's form, not a parameter (OAuth's "authorization code", "authorization_details" are parameters).
        string description = facts.AuthenticateDescription ?? string.Empty;
        return description.Contains("access token", StringComparison.OrdinalIgnoreCase)
            || description.Contains("authorization header", StringComparison.OrdinalIgnoreCase)
            || description.Contains("bearer token", StringComparison.OrdinalIgnoreCase)
            || description.Contains("more than one method", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Classifies parsed facts (the pure core, also used by tools that read a saved body).</summary>
    /// <param name="profile">The provider profile.</param>
    /// <param name="status">The response status.</param>
    /// <param name="headers">The response headers, for the request id.</param>
    /// <param name="facts">What the body and challenge said.</param>
    /// <param name="sent">What the request carried.</param>
    /// <param name="host">The host the request went to.</param>
    /// <returns>The failure, or <see langword="null"/> when the response is not an auth failure.</returns>
    public static AuthFailure? Classify(ProviderProfile profile, HttpStatusCode status, HttpResponseHeaders? headers, ErrorFacts facts, in SentCredential sent, string? host) =>
        Classify(profile, status, headers, facts, sent, new RequestSummary(null, host, null));

    private static AuthFailure? Classify(ProviderProfile profile, HttpStatusCode status, HttpResponseHeaders? headers, ErrorFacts facts, in SentCredential sent, in RequestSummary request, KeyEchoMatcher? echo = null)
    {
        string? host = request.Host;
        if (!IsInspected(status))
        {
            return null;
        }

        // Proxies and gateways (issue 14 §2): an upstream error wrapped by LiteLLM, OpenRouter or Portkey is judged with the
        // upstream's profile, and the remediation says whose key failed. ErrorClassifier.Upstream.cs; not wrapped: read on.
        if (TryClassifyUpstream(profile, status, headers, facts, sent, host, out AuthFailure? upstreamFailure))
        {
            return upstreamFailure;
        }

        bool unprofiled = BuiltInProfiles.IsUnprofiledService(profile);
        bool evidenceOnly = status != HttpStatusCode.Unauthorized;
        ErrorRule? rule = Match(profile.Rules, status, facts, unprofiled, evidenceOnly) ?? Match(CommonRules.All, status, facts, unprofiled, evidenceOnly);
        if (rule is { PassThrough: true })
        {
            return null;
        }

        if (rule is not null && evidenceOnly)
        {
            // The evidence says this 400/403 is an auth failure; which one is read as at 401, where more specific wording
            // may come first (an invalid_token challenge whose description says the token expired). No pass-through rule
            // can match here: every one was already tried above.
            rule = Match(profile.Rules, status, facts, unprofiled, evidenceOnly: false) ?? Match(CommonRules.All, status, facts, unprofiled, evidenceOnly: false) ?? rule;
        }

        AuthFailureCause cause;
        string? template = rule?.Remediation;
        if (rule is not null)
        {
            cause = rule.Cause;
        }
        else if (ChallengeSaysMalformed(status, facts))
        {
            // RFC 6750 §3.1: invalid_request in the server's own challenge says the request's authorization is malformed.
            cause = AuthFailureCause.MalformedAuthorizationHeader;
        }
        else if (status != HttpStatusCode.Unauthorized)
        {
            // A 400/403 without positive evidence is not ApiAuth's to judge: it passes through byte-identical.
            return null;
        }
        else if (facts.BareBearerChallenge && facts.AllText.Length == 0)
        {
            // RFC 6750 §3.1: a challenge without an error code answers a request that carried no credential.
            cause = AuthFailureCause.MissingKey;
        }
        else
        {
            cause = AuthFailureCause.Unknown;
        }

        // An authentication failure, decided above: wording that names its cause (a leaked key, a suspension, an expiry) picks
        // it over a code's or the status's default.
        if ((CauseWording.TryName(facts.Message ?? string.Empty, out AuthFailureCause named, out string? namedTemplate)
                || CauseWording.TryName(facts.AuthenticateDescription ?? string.Empty, out named, out namedTemplate))
            && (named != cause || namedTemplate is not null)
            && !(rule?.Codes is not null && IsSpecificCause(rule.Cause)))
        {
            cause = named;
            template = namedTemplate;
        }

        // One matcher for every text below (each used to build its own): the caller's when it is for this key.
        bool kept = IsFor(echo, sent);
        string? keyString = kept ? echo!.Key : sent.KeyString;
        KeyEchoMatcher? matcher = kept ? echo : KeyEchoMatcher.For(keyString);
        Refinement refined = SharpenWithWhatWasSent(profile, cause, facts, sent, request) ?? Refine(profile, cause, facts, keyString, template, sent.CredentialUnknown);
        cause = refined.Cause;
        if (ReferenceEquals(refined.Template, WrongHeaderAfterMissingTemplate) && sent.Carrier is { Length: > 0 } carrier && carrier[0] != '?')
        {
            // Name the header the key actually travelled in, not the one the profile would use.
            refined = refined with { Detail = $"the {carrier} header" };
        }

        // Every server-supplied text is scrubbed of the key: ids and codes of any run of it, texts also of key-shaped tokens.
        string? requestId = SecretRedactor.RedactIdWith(RequestId(profile, headers, facts), matcher);
        string? keyHint = kept ? KeyHint.For(keyString!) : sent.Hint; // kept: the same key, not copied out of the header again
        var context = new RemediationContext
        {
            Host = host,
            KeyHint = keyHint ?? (sent.CredentialUnknown ? "(" + UnknownKeyText + ")" : null),
            Organization = sent.Organization,
            Project = sent.Project,
            RequestId = requestId,
            Detail = refined.Detail is { } detail ? SecretRedactor.RedactWith(detail, matcher, remember: false) : DefaultDetail(cause, sent, profile),
        };

        string? message = facts.Message ?? facts.AuthenticateDescription;
        // The remediation is built only from safe parts: the template, the key hint, ids and details redacted above.
        // Rendered when first read (logged, thrown, or asked for), from the same parts.
        return new AuthFailure(cause, profile, context, refined.Template)
        {
            StatusCode = status,
            RequestWasSent = true,
            ErrorCode = SecretRedactor.RedactIdWith(facts.PrimaryCode, matcher, remember: kept),
            ServerMessage = message is null ? null : SecretRedactor.RedactWith(message, matcher, remember: kept),
            KeyHint = keyHint,
            RequestId = requestId,
            Host = host,
        };
    }

    /// <summary>
    /// Finds the first rule whose every set condition holds; with <paramref name="evidenceOnly"/>, only among rules that
    /// may decide at this status (<see cref="ErrorRule.Decides"/>), so at 400/403 a rule that is not evidence there is
    /// skipped and a later one (a code) can still decide.
    /// </summary>
    internal static ErrorRule? Match(ErrorRule[] rules, HttpStatusCode status, ErrorFacts facts, bool unprofiledService, bool evidenceOnly)
    {
        string text = facts.AllText;
        foreach (ErrorRule rule in rules)
        {
            if (rule.Codes is null && rule.MessageContains is null && rule.Status is null)
            {
                continue;
            }

            if (rule.Status is { } s && s != status)
            {
                continue;
            }

            if (rule.Codes is { } codes && !AnyCode(codes, facts))
            {
                continue;
            }

            if (rule.MessageContains is not null && !rule.MessageMatches(text))
            {
                continue;
            }

            if (evidenceOnly && !rule.Decides(status, unprofiledService, facts.Message, facts.AuthenticateDescription))
            {
                continue;
            }

            return rule;
        }

        return null;
    }

    private static bool AnyCode(string[] codes, ErrorFacts facts)
    {
        foreach (string code in codes)
        {
            if (facts.HasCode(code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sharpens a cause with what was sent and what the server echoed.</summary>
    private static Refinement Refine(ProviderProfile profile, AuthFailureCause cause, ErrorFacts facts, string? key, string? template, bool credentialUnknown)
    {
        if (cause is AuthFailureCause.InvalidKey or AuthFailureCause.Unknown or AuthFailureCause.MalformedKey
            && facts.Message is { } message
            && EchoedKey(message) is { Length: > 0 } echoed)
        {
            if (JudgeEcho(profile, echoed) is { } judged)
            {
                return judged;
            }

            if (cause == AuthFailureCause.MalformedKey)
            {
                return new Refinement(cause, $"'{Shorten(echoed)}'", template);
            }
        }

        if (string.IsNullOrWhiteSpace(key) && !credentialUnknown && cause is AuthFailureCause.InvalidKey or AuthFailureCause.Unknown or AuthFailureCause.MalformedAuthorizationHeader)
        {
            return new Refinement(AuthFailureCause.MissingKey, null, null);
        }

        if (!string.IsNullOrWhiteSpace(key) && cause == AuthFailureCause.MissingKey && profile.IsUnknownService)
        {
            return new Refinement(AuthFailureCause.WrongHeaderName, $"the {profile.KeyHeader} header", WrongHeaderAfterMissingTemplate);
        }

        return new Refinement(cause, null, template);
    }

    private static string? DefaultDetail(AuthFailureCause cause, in SentCredential sent, ProviderProfile profile) => cause switch
    {
        AuthFailureCause.WrongOrganization => sent.Organization is null ? "no organization header was sent, so the key's default organization was used" : $"'{sent.Organization}' was sent in {profile.OrganizationHeader}",
        AuthFailureCause.WrongProject => sent.Project is null ? "no project header was sent" : $"'{sent.Project}' was sent in {profile.ProjectHeader}",
        AuthFailureCause.WrongEndpoint => "The server says this endpoint does not accept the credential. Check the base address (host, region, resource name) against the one the key was issued for.",
        _ => null,
    };

    /// <summary>Finds the request id: the profile's headers, then the body, then headers gateways and relays add.</summary>
    internal static string? RequestId(ProviderProfile profile, HttpResponseHeaders? headers, ErrorFacts facts)
    {
        if (headers is not null)
        {
            foreach (string name in profile.RequestIdHeaders)
            {
                if (HeaderReader.TryGetFirst(headers, name) is { Length: > 0 } id)
                {
                    return ServerText.Clip(id, MaxRequestIdLength);
                }
            }
        }

        if (facts.RequestId is { Length: > 0 } bodyId)
        {
            return ServerText.Clip(bodyId, MaxRequestIdLength);
        }

        if (headers is not null)
        {
            foreach (string name in FallbackRequestIdHeaders)
            {
                if (HeaderReader.TryGetFirst(headers, name) is { Length: > 0 } id)
                {
                    return ServerText.Clip(id, MaxRequestIdLength);
                }
            }
        }

        return null;
    }

    /// <summary>A refined cause, the detail that explains it, and the remediation template to use (null: the profile's).</summary>
    private readonly record struct Refinement(AuthFailureCause Cause, string? Detail, string? Template);
}
