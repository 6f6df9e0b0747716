using System.Net;
using System.Net.Http.Headers;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Proxies and gateways wrap the upstream provider's error (issue 14 §2). When the body is a wrapped upstream error
/// (<see cref="UpstreamError"/>), the cause comes from the upstream's own error judged with the upstream's profile, and
/// the remediation says whose credential failed: the upstream key the gateway holds (LiteLLM's config, OpenRouter's
/// bring-your-own-key, a Portkey virtual key) or the caller's own key the gateway forwarded. A gateway's own auth errors
/// are not wrapped, so they never come here and stay the gateway's.
/// </summary>
/// <remarks>
/// <para><see cref="AuthFailure.Provider"/> stays the profile of the host that was called, and <see cref="AuthFailure.KeyHint"/>
/// the hint of the key that was sent to it: both describe the request the caller made (its configuration, its metric tag,
/// its key), and the public surface keeps one meaning for each. The upstream is named in
/// <see cref="AuthFailure.Remediation"/> (with the console where its key is fixed) and, when the gateway's own message does not
/// already show it, in <see cref="AuthFailure.ServerMessage"/>. <see cref="AuthFailure.ErrorCode"/> and the request id are the
/// gateway's (the id to quote to it), the upstream's request id only when the gateway sent none.</para>
/// <para>Do no harm: the upstream's error needs the same positive evidence as a direct answer. It is judged at the upstream's
/// status when the gateway states it (LiteLLM's exception class, "Error code: 401"), else at the gateway's: a wrapped upstream
/// 401 inside an outer 400 is an auth failure (the gateway's structured statement that the upstream said "unauthenticated"),
/// a wrapped 404/429/5xx passes through whatever the outer status, and at 400/403 only the upstream's codes and own wording
/// decide. Responses with other outer statuses (a gateway's 500 or 502) are never inspected.</para>
/// </remarks>
internal static partial class ErrorClassifier
{
    /// <summary>Classifies a wrapped upstream error.</summary>
    /// <param name="profile">The profile of the host that was called (the gateway's, or the generic one).</param>
    /// <param name="status">The gateway's status.</param>
    /// <param name="headers">The gateway's headers.</param>
    /// <param name="facts">What the gateway's body says.</param>
    /// <param name="sent">What the request carried.</param>
    /// <param name="host">The host the request went to.</param>
    /// <param name="failure">The failure, or <see langword="null"/> when the response passes through.</param>
    /// <returns><see langword="true"/> when the body wraps an upstream error and was decided here.</returns>
    private static bool TryClassifyUpstream(ProviderProfile profile, HttpStatusCode status, HttpResponseHeaders? headers, ErrorFacts facts, in SentCredential sent, string? host, out AuthFailure? failure)
    {
        failure = null;
        if (Gateway.ForHost(host) is { } gateway && GatewayOwnFailure(gateway, profile, status, headers, facts, sent, host) is { } own)
        {
            // The gateway's own credential (Cloudflare's cf-aig-authorization, Helicone-Auth): the gateway's, not the provider's.
            failure = own;
            return true;
        }

        if (UpstreamError.Read(facts) is not { } upstream)
        {
            return false;
        }

        HttpStatusCode judged = upstream.InnerStatus ?? status;
        if (!IsInspected(judged))
        {
            // The gateway says the upstream answered 404, 429 or 5xx: not about a credential, whatever the outer status.
            return true;
        }

        ErrorFacts inner = upstream.Inner;
        ProviderProfile innerProfile = upstream.Upstream.Profile ?? BuiltInProfiles.Generic;
        // An upstream ApiAuth has no profile for is still a named provider behind a gateway, not a service without a profile:
        // at 400/403 only its codes decide, never the shared phrases (red-team: a prompt quoted in a wrapped 400 said
        // "Invalid API key placeholder detected").
        const bool unprofiled = false;
        ErrorRule[] extra = UpstreamRules.For(upstream.Upstream);
        bool evidenceOnly = judged != HttpStatusCode.Unauthorized;
        ErrorRule? rule = MatchInner(extra, innerProfile, judged, inner, unprofiled, evidenceOnly);
        if (rule is { PassThrough: true })
        {
            return true;
        }

        if (rule is null && evidenceOnly)
        {
            // A wrapped upstream 400/403 without positive evidence is not ApiAuth's to judge.
            return true;
        }

        if (rule is not null && evidenceOnly)
        {
            rule = MatchInner(extra, innerProfile, judged, inner, unprofiled, evidenceOnly: false) ?? rule;
        }

        // At 401 a wrapped error no rule names is still the upstream refusing a credential: which one, it did not say.
        AuthFailureCause cause = rule?.Cause ?? AuthFailureCause.Unknown;
        string? keyString = sent.KeyString;
        string? detail = null;
        string? template = rule?.Remediation;
        if (cause is AuthFailureCause.InvalidKey or AuthFailureCause.Unknown or AuthFailureCause.MalformedKey
            && inner.Message is { } innerMessage
            && EchoedKey(innerMessage) is { Length: > 0 } echoed
            && JudgeEcho(innerProfile, echoed) is { } echo)
        {
            // What the upstream echoed of the key it got: another vendor's key, a placeholder (the upstream's profile judges).
            cause = echo.Cause;
            detail = echo.Detail;
            template = echo.Template;
        }

        string? requestId = SecretRedactor.RedactId(RequestId(profile, headers, facts) ?? (inner.RequestId is { Length: > 0 } innerId ? ServerText.Clip(innerId, MaxRequestIdLength) : null), keyString);
        string? keyHint = sent.Hint;
        bool forwarded = IsForwarded(upstream, sent, keyString);
        var context = new RemediationContext
        {
            Host = host,
            KeyHint = keyHint ?? (sent.CredentialUnknown ? "(" + UnknownKeyText + ")" : null),
            RequestId = requestId,
            Detail = detail is null ? null : SecretRedactor.Redact(detail, keyString),
        };

        string? outer = facts.Message ?? facts.AuthenticateDescription;
        string? message = upstream.InnerInOuterMessage || inner.Message is null
            ? outer
            : string.Concat(outer, outer is null ? null : " ", "(", upstream.Upstream.DisplayName, ": ", inner.Message, ")");
        string remediation = Remediation.RenderUpstream(profile, upstream, cause, context, forwarded, template);
        if (keyString is not null && SecretRedactor.Leaks(remediation, keyString))
        {
            // The gateway named its upstream with (part of) the key sent: a hostile or broken gateway. Say it without the name.
            remediation = Remediation.Render(profile, cause, context, template);
        }

        failure = new AuthFailure(cause, profile.Id, remediation)
        {
            StatusCode = status,
            RequestWasSent = true,
            ErrorCode = SecretRedactor.RedactId(facts.PrimaryCode ?? inner.PrimaryCode, keyString),
            ServerMessage = message is null ? null : SecretRedactor.Redact(message, keyString),
            KeyHint = keyHint,
            RequestId = requestId,
            Host = host,
        };
        return true;
    }

    /// <summary>A gateway's own auth error: the cause from its rule, sharpened by whether its header carried the credential.</summary>
    private static AuthFailure? GatewayOwnFailure(Gateway gateway, ProviderProfile profile, HttpStatusCode status, HttpResponseHeaders? headers, ErrorFacts facts, in SentCredential sent, string? host)
    {
        foreach (GatewayOwnError own in gateway.OwnErrors)
        {
            if (Match([own.Rule], status, facts, unprofiledService: true, evidenceOnly: status != HttpStatusCode.Unauthorized) is null)
            {
                continue;
            }

            bool inHeader = sent.Carrier is { } carrier && carrier.Equals(own.Header, StringComparison.OrdinalIgnoreCase);
            AuthFailureCause cause = inHeader && own.Rule.Cause == AuthFailureCause.MissingKey ? AuthFailureCause.InvalidKey : own.Rule.Cause;
            string? keyString = sent.KeyString;
            string? requestId = SecretRedactor.RedactId(RequestId(profile, headers, facts), keyString);
            var context = new RemediationContext { Host = host, KeyHint = sent.Hint ?? "(none sent)", RequestId = requestId };
            string? message = facts.Message ?? facts.AuthenticateDescription;
            return new AuthFailure(cause, profile.Id, Remediation.Render(profile, cause, context, inHeader ? own.SentTemplate : own.NotSentTemplate))
            {
                StatusCode = status,
                RequestWasSent = true,
                ErrorCode = SecretRedactor.RedactId(facts.PrimaryCode, keyString),
                ServerMessage = message is null ? null : SecretRedactor.Redact(message, keyString),
                KeyHint = sent.Hint,
                RequestId = requestId,
                Host = host,
            };
        }

        return null;
    }

    /// <summary>The upstream's rules for its inner error: wording a gateway's re-wrapping leaves, the upstream profile's, then the common ones.</summary>
    private static ErrorRule? MatchInner(ErrorRule[] extra, ProviderProfile innerProfile, HttpStatusCode judged, ErrorFacts inner, bool unprofiled, bool evidenceOnly) =>
        Match(extra, judged, inner, unprofiled, evidenceOnly)
        ?? Match(innerProfile.Rules, judged, inner, unprofiled, evidenceOnly)
        ?? Match(CommonRules.All, judged, inner, unprofiled, evidenceOnly);

    /// <summary>
    /// Whether the key the caller sent is the one the upstream refused: it is unmistakably in the upstream's own key format (an
    /// <c>sk-</c> LiteLLM virtual key is not an OpenAI key), or the gateway
    /// forwards the <c>Authorization</c> credential to the upstream (Portkey). Otherwise the gateway used a key it holds.
    /// </summary>
    private static bool IsForwarded(UpstreamError upstream, in SentCredential sent, string? key)
    {
        if (key is null)
        {
            return false;
        }

        if (upstream.Upstream.Profile is { } own && KeyFormats.Match(key) is { Unmistakable: true } format && own.IsOwnVendor(format.Vendor))
        {
            return true;
        }

        return upstream.Gateway.ForwardsAuthorization && (sent.Carrier is null || sent.Carrier.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
    }
}
