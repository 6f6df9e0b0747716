using System.Net.Http.Headers;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// The pre-send decision (ARCHITECTURE.md, step 2), one function of the request's headers and URI, the profile, the settings
/// and the time: find the credential where the caller put it, decide what is safely repairable, refuse what is not. It reads
/// the request and writes nothing: the answer is an <see cref="Inspection"/> holding what was sent, the header rewrites to
/// apply and the refusal, if any. The handler, <see cref="ApiAuthDiagnostics.CheckKey"/> and the
/// start-up validator all call it, so each rule, and the order of the rules, exists once:
/// <list type="number">
/// <item>the credential in the profile's place (typed, raw or an alternative placement), else a misplaced key, the profile's
/// query parameter, or the configured key (<see cref="LocatePrimary"/>);</item>
/// <item>every other carrier, request and content headers: no line break inside a value reaches the wire (<see cref="InspectOtherCarriers"/>);</item>
/// <item>a bearer token's expiry (<see cref="CheckJwt"/>);</item>
/// <item>plain http and <c>AllowedHosts</c> (<see cref="CheckEndpoint"/>);</item>
/// <item>organization and project ids (<see cref="InspectOrganization"/>).</item>
/// </list>
/// The memo tables in <see cref="PolicyCaches"/> only make the usual request cheap; they never change an answer.
/// </summary>
internal ref partial struct CredentialPolicy
{
    private readonly HttpRequestMessage _request;
    private readonly ProviderProfile _profile;
    private readonly HandlerSettings _settings;
    private readonly TimeProvider _time;
    private readonly PolicyCaches? _caches;

    /// <summary>The caller's inspection, written in place (a ref field: what was sent and the rewrites are never copied).</summary>
    private readonly ref Inspection _result;

    /// <summary>The request header the profile's credential was read from, which the carrier scan skips (it was checked already).</summary>
    private string? _consumed;

    private CredentialPolicy(HttpRequestMessage request, ProviderProfile profile, HandlerSettings settings, TimeProvider time, PolicyCaches? caches, ref Inspection result)
    {
        _request = request;
        _profile = profile;
        _settings = settings;
        _time = time;
        _caches = caches;
        _result = ref result;
    }

    /// <summary>Inspects a request before it is sent.</summary>
    /// <param name="request">The request (read, never written).</param>
    /// <param name="profile">Its provider profile.</param>
    /// <param name="settings">The client's settings.</param>
    /// <param name="time">The clock (read only when a bearer token's expiry is checked).</param>
    /// <param name="caches">The client's memo tables, or <see langword="null"/>.</param>
    /// <returns>The inspection.</returns>
    public static Inspection Inspect(HttpRequestMessage request, ProviderProfile profile, HandlerSettings settings, TimeProvider time, PolicyCaches? caches)
    {
        Inspect(request, profile, settings, time, caches, out Inspection inspection);
        return inspection;
    }

    /// <summary>Inspects a request before it is sent, writing the answer into <paramref name="inspection"/> (the handler's frame).</summary>
    /// <param name="request">The request (read, never written).</param>
    /// <param name="profile">Its provider profile.</param>
    /// <param name="settings">The client's settings.</param>
    /// <param name="time">The clock (read only when a bearer token's expiry is checked).</param>
    /// <param name="caches">The client's memo tables, or <see langword="null"/>.</param>
    /// <param name="inspection">Receives the inspection.</param>
    public static void Inspect(HttpRequestMessage request, ProviderProfile profile, HandlerSettings settings, TimeProvider time, PolicyCaches? caches, out Inspection inspection)
    {
        inspection = default;
        inspection.Profile = profile;
        var policy = new CredentialPolicy(request, profile, settings, time, caches, ref inspection);
        inspection.Refusal = policy.Run(out inspection.RefusedBy);
    }

    private AuthFailure? Run(out PolicyRule rule)
    {
        rule = PolicyRule.None;
        if (LocatePrimary() is { } refused)
        {
            rule = PolicyRule.Credential;
            return refused;
        }

        // Every other carrier, on every host: no line break reaches the wire, and a credential there counts for the rules below.
        // The content headers too: .NET writes them like the request's own, so the same rules hold for a carrier there.
        if ((InspectOtherCarriers() ?? InspectContentCarriers()) is { } malformed)
        {
            rule = PolicyRule.OtherCarriers;
            return malformed;
        }

        if (_result.Sent.HeaderValue is null)
        {
            // No header carries one: a key-carrying query parameter is what the request carries (read only when the URI has a query).
            CredentialLocator.TryFindInQuery(_request.RequestUri, ref _result.Sent);
        }

        if (_result.Sent.HeaderValue is not null && JwtExpiry.LooksLikeJwt(_result.Sent.Key) && CheckJwt() is { } expired)
        {
            rule = PolicyRule.Expiry;
            return expired;
        }

        if (_request.RequestUri is { IsAbsoluteUri: true } uri && CheckEndpoint(uri) is { } endpoint)
        {
            rule = PolicyRule.Endpoint;
            return endpoint;
        }

        if (_profile.OrganizationHeader is not null && InspectOrganization() is { } ids)
        {
            rule = PolicyRule.AccountIds;
            return ids;
        }

        return null;
    }

    private void Rewrite(string name, string? value, bool inContent = false, bool remove = true) =>
        _result.Rewrites.Add(new HeaderRewrite(name, value, null, inContent, remove));

    private void Repaired(CredentialRepairs repairs) => _result.Repairs |= repairs;

    private readonly string? Host => _request.RequestUri is { IsAbsoluteUri: true } uri ? uri.IdnHost : null;

    private AuthFailure Refuse(AuthFailureCause cause, string? keyHint, string? detail, string? header = null, string? organization = null, string? project = null, string? template = null)
    {
        _result.RefusalDetail = detail;
        string? host = Host;
        return template is null
            ? FailureFactory.BeforeSend(_profile, cause, keyHint, detail, host, header, organization, project)
            : new AuthFailure(cause, _profile.Id, Remediation.Render(_profile, cause, new RemediationContext { Host = host, KeyHint = keyHint, Detail = detail, Header = header }, template))
            {
                RequestWasSent = false,
                KeyHint = keyHint,
                Host = host,
            };
    }

    private readonly HttpRequestHeaders Headers => _request.Headers;
}
