using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using ApiAuth.Providers;
using static ApiAuth.Internal.CredentialCache;

namespace ApiAuth.Internal;

/// <summary>Rules 3–5: a bearer token's expiry, the endpoint (plain http, <c>AllowedHosts</c>), organization and project ids.</summary>
internal ref partial struct CredentialPolicy
{
    /// <summary>The remediation for an option whose value can never be written as a header.</summary>
    private const string UnwritableOptionTemplate = "The {Detail} option holds a control character (a line break, tab or NUL) inside its value, which would inject a header line; nothing is sent while it does. Fix the configured value (it usually holds two lines, or text after the id).";

    private AuthFailure? CheckJwt()
    {
        string token = _result.Sent.HeaderValue!;
        CredentialCache? cache = _caches?.Credentials;
        JwtCacheEntry? cached = cache?.LastJwt;
        DateTimeOffset? expiry;
        if (cached is not null && string.Equals(cached.HeaderValue, token, StringComparison.Ordinal))
        {
            expiry = cached.Expiry;
        }
        else
        {
            expiry = JwtExpiry.Read(_result.Sent.Key);
            cache?.LastJwt = new JwtCacheEntry(token, expiry);
        }

        if (expiry is { } exp && JwtExpiry.HasPassed(exp, _time.GetUtcNow()))
        {
            return Refuse(AuthFailureCause.ExpiredCredential, _result.Sent.Hint, $"the bearer token expired at {exp:u}");
        }

        return null;
    }

    /// <summary>
    /// Plain http and <c>AllowedHosts</c>: asked only when the request goes over plain http or outside the allowed hosts, and
    /// then about a credential anywhere (every header was located above; the query is read now).
    /// </summary>
    private AuthFailure? CheckEndpoint(Uri uri)
    {
        bool plainHttp = !_settings.Options.AllowInsecureHttp && EndpointRules.IsPlainHttp(uri);
        bool outside = _settings.AllowedHosts is not null && !_settings.IsAllowedHost(uri.IdnHost);
        return plainHttp || outside ? ApplyEndpointRules(uri, plainHttp, outside) : null;
    }

    /// <summary>
    /// The endpoint rules proper, for a request over plain http or outside the allowed hosts. Not inlined: its messages would
    /// otherwise widen the frame every clean request zeroes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private AuthFailure? ApplyEndpointRules(Uri uri, bool plainHttp, bool outside)
    {
        if (_result.Sent.HeaderValue is null && !CredentialLocator.TryFindInQuery(uri, ref _result.Sent))
        {
            return null;
        }

        PlainHttpVerdict verdict = PlainHttpVerdict.Allowed;
        if (plainHttp)
        {
            verdict = _result.Sent.IsBasic ? EndpointRules.PlainHttp(uri, _result.Sent.KeyString) : EndpointRules.PlainHttp(uri, _result.Sent.Key);
            if (verdict == PlainHttpVerdict.AllowedWithWarning && _settings.Locator.AnyCloudKey(_request))
            {
                // Not only the first credential: a cloud provider's key in any carrier of the request is refused there.
                verdict = PlainHttpVerdict.RefusedCloudKey;
            }

            if (verdict == PlainHttpVerdict.Refused)
            {
                return Refuse(AuthFailureCause.WrongEndpoint, _result.Sent.Hint,
                    $"The request would carry the key {_result.Sent.Hint} in clear text over http to {uri.IdnHost}, a public host. Use an https:// base address, or set AllowInsecureHttp only for a network you trust.");
            }

            if (verdict == PlainHttpVerdict.RefusedCloudKey)
            {
                return Refuse(AuthFailureCause.WrongEndpoint, _result.Sent.Hint,
                    $"The request would carry the key {_result.Sent.Hint}, in a cloud provider's format, in clear text over http to {uri.IdnHost}. Plain http is accepted on your own network for local servers, never for a cloud provider's key: use https, or set AllowInsecureHttp only for a network you trust.");
            }
        }

        if (outside)
        {
            return Refuse(AuthFailureCause.WrongEndpoint, _result.Sent.Hint,
                $"The request would carry the key {_result.Sent.Hint} to {uri.IdnHost}, which is not in this client's AllowedHosts ({string.Join(", ", _settings.AllowedHosts!)}). Check the base address, or add the host if it is yours.");
        }

        _result.OwnNetworkPlainHttp = verdict == PlainHttpVerdict.AllowedWithWarning;
        return null;
    }

    /// <summary>
    /// Gets a value indicating whether the request has headers besides the one the credential was read from: when it has none
    /// (the usual SDK request carries only <c>Authorization</c>), the organization and project lookups are answered by a count.
    /// </summary>
    private readonly bool HasOtherHeaders => Headers.NonValidated.Count > (_consumed is null ? 0 : 1);

    private AuthFailure? InspectOrganization() =>
        HasOtherHeaders || _settings.Organization is not null || _settings.Project is not null || _settings.OrganizationUnwritable || _settings.ProjectUnwritable
            ? InspectAccountIds()
            : null; // No id header to read and none to add: nothing to check (the usual request, ~20 ns of lookups saved).

    /// <summary>Rule 5 proper. Not inlined: its refusals' messages would otherwise widen the frame every clean request zeroes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private AuthFailure? InspectAccountIds()
    {
        var organization = new IdHeader(_profile.OrganizationHeader!, _settings.OrganizationUnwritable ? nameof(_settings.Organization) : null, _settings.Organization,
            _profile.ProjectIdPrefix, AuthFailureCause.WrongOrganization, CredentialRepairs.TrimmedOrganization);
        AuthFailure? failure = InspectIdHeader(organization, out _result.Sent.Organization);
        if (failure is null && _profile.ProjectHeader is not null)
        {
            var project = new IdHeader(_profile.ProjectHeader, _settings.ProjectUnwritable ? nameof(_settings.Project) : null, _settings.Project,
                _profile.OrganizationIdPrefix, AuthFailureCause.WrongProject, CredentialRepairs.TrimmedProject);
            failure = InspectIdHeader(project, out _result.Sent.Project);
        }

        return failure;
    }

    private AuthFailure? InspectIdHeader(in IdHeader id, out string? sentId)
    {
        sentId = null;
        string header = id.Header;
        string? raw = null;
        if (!HasOtherHeaders || !HeaderReader.TryGetSingle(Headers, header, out raw, out _))
        {
            if (id.UnwritableOption is not null)
            {
                // Start-up validation reports it; should a client run without it, the value is still never written.
                return Refuse(AuthFailureCause.MalformedKey, _result.Sent.Hint, id.UnwritableOption, header, template: UnwritableOptionTemplate);
            }

            if (id.Configured is not null)
            {
                Rewrite(header, id.Configured, remove: false);
                sentId = id.Configured;
            }

            return null;
        }

        string value = raw!;

        // Anything but printable ASCII (whitespace, quotes, invisible characters, CR/LF/NUL) goes through the cleaner; an id is
        // plain ASCII, so the usual value needs neither the line-break scan nor the cleaner.
        bool needsClean = value.Length == 0 || value[0] is '"' or '\'' || value.AsSpan().ContainsAnyExcept(KeyCharacters.PrintableAscii);
        if (needsClean)
        {
            if (CredentialLocator.FindLineBreak(value, out int position) == LineBreakPlace.Inside)
            {
                return RefuseLineBreak(header, value, position, _result.Sent.Hint);
            }

            value = CredentialSanitizer.CleanPlain(value);
        }

        if (value.Length > 0 && KeyFormats.Match(value) is { } format && (format.Unmistakable || value.Length > 30))
        {
            return Refuse(id.Cause, _result.Sent.Hint, $"an API key ({KeyHint.For(value)}) was put in the {header} header instead of an id");
        }

        if (id.OtherPrefix is not null && value.StartsWith(id.OtherPrefix, StringComparison.Ordinal))
        {
            bool isOrganization = id.Cause == AuthFailureCause.WrongOrganization;
            string kind = isOrganization ? "a project id" : "an organization id";
            return Refuse(id.Cause, _result.Sent.Hint, $"{kind} ('{value}') was sent in the {header} header", header, organization: isOrganization ? value : null, project: isOrganization ? null : value);
        }

        sentId = value.Length == 0 ? null : value;
        if (!ReferenceEquals(value, raw))
        {
            if (_settings.Options.Strict)
            {
                return Refuse(id.Cause, _result.Sent.Hint, $"whitespace or quotes around the {header} value", header);
            }

            Rewrite(header, value.Length > 0 ? value : null);
            Repaired(id.Repair);
        }

        return null;
    }

    /// <summary>One account-id header's rule: where it goes, what is configured for it, what must not be in it.</summary>
    /// <param name="Header">The header.</param>
    /// <param name="UnwritableOption">The option's name when its configured value can never be written, else <see langword="null"/>.</param>
    /// <param name="Configured">The configured value to add when the request has none.</param>
    /// <param name="OtherPrefix">The other id's prefix (a project id in the organization header is refused).</param>
    /// <param name="Cause">The cause when the value is wrong.</param>
    /// <param name="Repair">The repair when the value is trimmed.</param>
    private readonly record struct IdHeader(string Header, string? UnwritableOption, string? Configured, string? OtherPrefix, AuthFailureCause Cause, CredentialRepairs Repair);
}
