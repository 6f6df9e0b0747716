using System.Net.Http.Headers;
using ApiAuth.Providers;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Internal;

/// <summary>
/// Steps 2–4 of the pipeline, before any byte leaves: find the credential where the caller put it,
/// repair what is safely repairable, refuse what is not. Allocation-free when the credential is clean.
/// </summary>
internal sealed class PreSendInspector
{
    /// <summary>How long the same refusal before sending (cause, key hint, host) is logged only once for a client.</summary>
    private static readonly TimeSpan RefusalLogWindow = TimeSpan.FromSeconds(10);

    private readonly string _clientName;
    private readonly ClientState _state;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    private HandlerSettings Settings => _state.Settings;

    private readonly ApiAuthMetrics _metrics;

    public PreSendInspector(string clientName, ClientState state, ILogger logger, TimeProvider time, ApiAuthMetrics metrics)
    {
        _clientName = clientName;
        _metrics = metrics;
        _state = state;
        _logger = logger;
        _time = time;
    }

    /// <summary>Inspects and, where needed, repairs the request.</summary>
    /// <param name="request">The outgoing request.</param>
    /// <param name="profile">Its provider profile.</param>
    /// <param name="sent">What the request will carry.</param>
    /// <returns>A failure when the request must not be sent; otherwise <see langword="null"/>.</returns>
    public AuthFailure? Inspect(HttpRequestMessage request, ProviderProfile profile, out SentCredential sent)
    {
        sent = default;
        HttpRequestHeaders headers = request.Headers;
        AuthFailure? failure;

        // Re-learn the client's Authorization style now and then, so a client that changes style is followed.
        if ((++_state.StyleCounter & ClientState.RelearnEvery) == 0)
        {
            _state.AuthorizationStyle = ClientState.UnknownAuthorization;
        }

        if (_state.AuthorizationStyle == ClientState.TypedAuthorization && TryTyped(headers, profile, ref sent))
        {
            // A typed header (DefaultRequestHeaders.Authorization): its scheme and key are read without formatting.
            failure = ValidateClean(request, profile, sent.HeaderValue!, sent);
        }
        else if (HeaderReader.TryGetSingle(headers, profile.KeyHeader, out string? value, out int count))
        {
            LearnAuthorizationStyle(headers, profile, value!);
            failure = count > 1
                ? Refuse(request, profile, AuthFailureCause.MalformedAuthorizationHeader, null, $"{count} {profile.KeyHeader} headers (one set on DefaultRequestHeaders and another on the request?)", profile.KeyHeader)
                : InspectPlacement(request, profile, profile.KeyHeader, profile.KeyScheme, value!, ref sent);
        }
        else if (FindAlternative(headers, profile, out KeyPlacement? placement, out value))
        {
            failure = InspectPlacement(request, profile, placement!.Header, placement.Scheme, value!, ref sent);
        }
        else
        {
            failure = LocateElsewhere(request, profile, ref sent);
        }

        if (failure is null && sent.HeaderValue is not null && JwtExpiry.LooksLikeJwt(sent.Key))
        {
            failure = CheckJwt(request, profile, ref sent);
        }

        if (failure is not null)
        {
            return failure;
        }

        if (sent.HeaderValue is not null && !Settings.Options.AllowInsecureHttp && request.RequestUri is { } uri && EndpointRules.IsPlainHttpToRemote(uri))
        {
            return Refuse(request, profile, AuthFailureCause.WrongEndpoint, sent.Hint,
                $"The request would carry the key {sent.Hint} in clear text over http to {uri.Host}. Use an https:// base address, or set AllowInsecureHttp only for a network you trust.");
        }

        if (sent.HeaderValue is not null && Settings.AllowedHosts is not null && request.RequestUri is { IsAbsoluteUri: true } target && !Settings.IsAllowedHost(target.IdnHost))
        {
            return Refuse(request, profile, AuthFailureCause.WrongEndpoint, sent.Hint,
                $"The request would carry the key {sent.Hint} to {target.IdnHost}, which is not in this client's AllowedHosts ({string.Join(", ", Settings.AllowedHosts)}). Check the base address, or add the host if it is yours.");
        }

        if (profile.OrganizationHeader is not null)
        {
            failure = InspectOrganization(request, profile, ref sent);
        }

        return failure;
    }

    /// <summary>
    /// Reads a typed <c>Authorization</c> value through the typed getter, which costs nothing for a typed value,
    /// when the client is known to set it typed and the value needs no repair.
    /// </summary>
    private static bool TryTyped(HttpRequestHeaders headers, ProviderProfile profile, ref SentCredential sent)
    {
        if (profile.KeyScheme is not { } scheme || !string.Equals(profile.KeyHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (headers.Authorization is { Parameter: { } parameter } typed
            && string.Equals(typed.Scheme, scheme, StringComparison.Ordinal)
            && CredentialSanitizer.IsClean(parameter, scheme: null))
        {
            sent.HeaderValue = parameter;
            sent.KeyOffset = 0;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Learns once per client whether it sets Authorization typed (a parsed value is formatted anew on every raw read)
    /// or raw (the same string comes back): the cheaper way to read it is then used for every later request.
    /// </summary>
    private void LearnAuthorizationStyle(HttpRequestHeaders headers, ProviderProfile profile, string first)
    {
        if (_state.AuthorizationStyle != ClientState.UnknownAuthorization || profile.KeyHeader != "Authorization")
        {
            return;
        }

        _state.AuthorizationStyle = HeaderReader.TryGetSingle(headers, profile.KeyHeader, out string? second, out _) && ReferenceEquals(first, second)
            ? ClientState.RawAuthorization
            : ClientState.TypedAuthorization;
    }

    /// <summary>
    /// Validates a clean credential, remembering the last one that passed: a client sends the same key request after request,
    /// so the common case is one ordinal comparison instead of the format checks.
    /// </summary>
    private AuthFailure? ValidateClean(HttpRequestMessage request, ProviderProfile profile, string value, in SentCredential sent)
    {
        ValidatedCredential? known = _state.LastValid;
        if (known is not null && ReferenceEquals(known.Profile, profile) && string.Equals(known.Value, value, StringComparison.Ordinal))
        {
            return null;
        }

        KeyVerdict? verdict = CredentialValidator.Validate(profile, sent.Key);
        if (verdict is null)
        {
            _state.LastValid = new ValidatedCredential(value, profile);
            return null;
        }

        return Refuse(request, profile, verdict.Cause, sent.Hint, verdict.Detail);
    }

    private static bool FindAlternative(HttpRequestHeaders headers, ProviderProfile profile, out KeyPlacement? placement, out string? value)
    {
        foreach (KeyPlacement candidate in profile.AlternativeKeyPlacements)
        {
            if (HeaderReader.TryGetSingle(headers, candidate.Header, out value, out _))
            {
                placement = candidate;
                return true;
            }
        }

        placement = null;
        value = null;
        return false;
    }

    private AuthFailure? CheckJwt(HttpRequestMessage request, ProviderProfile profile, ref SentCredential sent)
    {
        string token = sent.HeaderValue!;
        JwtCacheEntry? cached = _state.LastJwt;
        DateTimeOffset? expiry;
        if (cached is not null && string.Equals(cached.HeaderValue, token, StringComparison.Ordinal))
        {
            expiry = cached.Expiry;
        }
        else
        {
            expiry = JwtExpiry.Read(sent.Key);
            _state.LastJwt = new JwtCacheEntry(token, expiry);
        }

        if (expiry is { } exp && JwtExpiry.HasPassed(exp, _time.GetUtcNow()))
        {
            return Refuse(request, profile, AuthFailureCause.ExpiredCredential, sent.Hint,
                $"the bearer token expired at {exp:u}");
        }

        return null;
    }

    private AuthFailure? InspectPlacement(HttpRequestMessage request, ProviderProfile profile, string header, string? scheme, string value, ref SentCredential sent)
    {
        if (CredentialSanitizer.IsClean(value, scheme))
        {
            int offset = scheme is null ? 0 : scheme.Length + 1;
            sent.HeaderValue = value;
            sent.KeyOffset = offset;
            return ValidateClean(request, profile, value, sent);
        }

        RepairCacheEntry entry = Analyze(profile, header, scheme, value);
        SanitizedCredential clean = entry.Sanitized;
        if (clean.IsOtherScheme)
        {
            return null;
        }

        sent.HeaderValue = clean.HeaderValue;
        sent.KeyOffset = clean.HeaderValue.Length - clean.Key.Length;
        if (clean.SchemeProblem is not null)
        {
            return Refuse(request, profile, AuthFailureCause.MalformedAuthorizationHeader, KeyHint.For(clean.Key), clean.SchemeProblem, header);
        }

        if (entry.Verdict is { } refused)
        {
            return Refuse(request, profile, refused.Cause, sent.Hint, refused.Detail);
        }

        if (clean.Repairs != CredentialRepairs.None)
        {
            if (Settings.Options.Strict)
            {
                return RefuseRepair(request, profile, header, clean.Repairs, sent.Hint);
            }

            request.Headers.Remove(header);
            request.Headers.TryAddWithoutValidation(header, clean.HeaderValue);
            Warn(profile, clean.Repairs, sent);
        }

        return null;
    }

    private RepairCacheEntry Analyze(ProviderProfile profile, string header, string? scheme, string raw)
    {
        RepairCacheEntry? cached = _state.LastRepair;
        if (cached is not null && string.Equals(cached.Raw, raw, StringComparison.Ordinal) && ReferenceEquals(cached.Profile, profile) && ReferenceEquals(cached.Header, header))
        {
            return cached;
        }

        SanitizedCredential clean = profile.RepairsHeaders
            ? CredentialSanitizer.Sanitize(raw, scheme)
            : CredentialSanitizer.SanitizeOpaque(raw);
        KeyVerdict? verdict = clean.IsOtherScheme || clean.SchemeProblem is not null ? null : CredentialValidator.Validate(profile, clean.Key);
        var entry = new RepairCacheEntry(raw, clean, verdict) { Profile = profile, Header = header };
        _state.LastRepair = entry;
        return entry;
    }

    private AuthFailure? LocateElsewhere(HttpRequestMessage request, ProviderProfile profile, ref SentCredential sent)
    {
        HttpRequestHeaders headers = request.Headers;
        if (profile.RepairsHeaders)
        {
            foreach (string misplaced in profile.MisplacedKeyHeaders)
            {
                if (!HeaderReader.TryGetSingle(headers, misplaced, out string? raw, out _))
                {
                    continue;
                }

                SanitizedCredential bare = CredentialSanitizer.Sanitize(raw!, scheme: null);
                sent.HeaderValue = bare.Key;
                sent.KeyOffset = 0;
                if (CredentialValidator.Validate(profile, bare.Key) is { } verdict)
                {
                    return Refuse(request, profile, verdict.Cause, sent.Hint, verdict.Detail);
                }

                if (Settings.Options.Strict)
                {
                    return Refuse(request, profile, AuthFailureCause.WrongHeaderName, sent.Hint, $"the '{misplaced}' header", profile.KeyHeader);
                }

                string value = profile.KeyScheme is null ? bare.Key : string.Concat(profile.KeyScheme, " ", bare.Key);
                headers.Remove(misplaced);
                headers.TryAddWithoutValidation(profile.KeyHeader, value);
                sent.HeaderValue = value;
                sent.KeyOffset = value.Length - bare.Key.Length;
                if (_state.FirstTime(CredentialRepairs.MovedToProviderHeader) != CredentialRepairs.None)
                {
                    Log.KeyMoved(_logger, _clientName, profile.DisplayName, misplaced, profile.KeyHeader);
                }

                Warn(profile, bare.Repairs, sent);
                return null;
            }
        }

        if (profile.KeyQueryParameter is { } parameter && QueryKey(request.RequestUri, parameter) is { } queryKey)
        {
            sent.HeaderValue = queryKey;
            sent.KeyOffset = 0;
            SanitizedCredential bare = CredentialSanitizer.Sanitize(queryKey, scheme: null);
            if (CredentialValidator.Validate(profile, bare.Key) is { } verdict)
            {
                return Refuse(request, profile, verdict.Cause, sent.Hint, $"{verdict.Detail} (in the ?{parameter}= query parameter)");
            }

            if (bare.Repairs != CredentialRepairs.None)
            {
                return Refuse(request, profile, AuthFailureCause.MalformedKey, sent.Hint, $"{RepairText.Describe(bare.Repairs)} needed in the ?{parameter}= query parameter, which ApiAuth does not rewrite; send the key in the {profile.KeyHeader} header instead");
            }

            return null;
        }

        HandlerSettings settings = Settings;
        if (settings.ConfiguredKey is { } configured)
        {
            sent.HeaderValue = configured.Key;
            if (CredentialValidator.Validate(profile, configured.Key) is { } verdict)
            {
                string where = settings.KeyVariable is null ? "ApiAuthDiagnosticsOptions.ApiKey" : $"the environment variable {settings.KeyVariable}";
                return Refuse(request, profile, verdict.Cause, sent.Hint, $"{verdict.Detail} (from {where})");
            }

            string value = settings.ConfiguredHeaderValue(profile);
            headers.TryAddWithoutValidation(profile.KeyHeader, value);
            sent.HeaderValue = value;
            sent.KeyOffset = value.Length - configured.Key.Length;
            sent.ConfiguredBy = settings;
            Warn(profile, configured.Repairs, sent);
            return null;
        }

        if (profile.KeyRequired)
        {
            return Refuse(request, profile, AuthFailureCause.MissingKey, null, null);
        }

        return null;
    }

    private AuthFailure? InspectOrganization(HttpRequestMessage request, ProviderProfile profile, ref SentCredential sent)
    {
        AuthFailure? failure = InspectIdHeader(request, profile, profile.OrganizationHeader!, Settings.Organization, profile.ProjectIdPrefix, AuthFailureCause.WrongOrganization, CredentialRepairs.TrimmedOrganization, ref sent.Organization, sent);
        if (failure is null && profile.ProjectHeader is not null)
        {
            failure = InspectIdHeader(request, profile, profile.ProjectHeader, Settings.Project, profile.OrganizationIdPrefix, AuthFailureCause.WrongProject, CredentialRepairs.TrimmedProject, ref sent.Project, sent);
        }

        return failure;
    }

    private AuthFailure? InspectIdHeader(HttpRequestMessage request, ProviderProfile profile, string header, string? configured, string? otherPrefix, AuthFailureCause cause, CredentialRepairs repair, ref string? sentId, in SentCredential sent)
    {
        HttpRequestHeaders headers = request.Headers;
        if (!HeaderReader.TryGetSingle(headers, header, out string? raw, out _))
        {
            if (configured is not null)
            {
                headers.TryAddWithoutValidation(header, configured);
                sentId = configured;
            }

            return null;
        }

        string value = raw!;
        bool needsClean = value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value[0] is '"' or '\'' || !value.AsSpan().ContainsAnyInRange('\u0021', '\u007E');
        if (needsClean)
        {
            value = CredentialSanitizer.CleanPlain(value);
        }

        if (value.Length > 0 && KeyFormats.Match(value) is { } format && (format.Unmistakable || value.Length > 30))
        {
            return Refuse(request, profile, cause, sent.Hint, $"an API key ({KeyHint.For(value)}) was put in the {header} header instead of an id");
        }

        if (otherPrefix is not null && value.StartsWith(otherPrefix, StringComparison.Ordinal))
        {
            string kind = cause == AuthFailureCause.WrongOrganization ? "a project id" : "an organization id";
            return Refuse(request, profile, cause, sent.Hint, $"{kind} ('{value}') was sent in the {header} header", header, organization: cause == AuthFailureCause.WrongOrganization ? value : null, project: cause == AuthFailureCause.WrongProject ? value : null);
        }

        sentId = value.Length == 0 ? null : value;
        if (!ReferenceEquals(value, raw))
        {
            if (Settings.Options.Strict)
            {
                return Refuse(request, profile, cause, sent.Hint, $"whitespace or quotes around the {header} value", header);
            }

            headers.Remove(header);
            if (value.Length > 0)
            {
                headers.TryAddWithoutValidation(header, value);
            }

            Warn(profile, repair, sent);
        }

        return null;
    }

    private AuthFailure RefuseRepair(HttpRequestMessage request, ProviderProfile profile, string header, CredentialRepairs repairs, string? keyHint)
    {
        const CredentialRepairs SchemeRepairs = CredentialRepairs.AddedBearerScheme | CredentialRepairs.RemovedDuplicateBearer | CredentialRepairs.NormalizedBearerScheme;
        AuthFailureCause cause = (repairs & ~SchemeRepairs) != 0 ? AuthFailureCause.MalformedKey : AuthFailureCause.MalformedAuthorizationHeader;
        string detail = cause == AuthFailureCause.MalformedKey
            ? $"{RepairText.Describe(repairs & ~SchemeRepairs)} around it (strict mode refuses what it would otherwise repair)"
            : $"{RepairText.Describe(repairs)} (strict mode refuses what it would otherwise repair)";
        return Refuse(request, profile, cause, keyHint, detail, header);
    }

    private void Warn(ProviderProfile profile, CredentialRepairs repairs, in SentCredential sent)
    {
        if (repairs == CredentialRepairs.None)
        {
            return;
        }

        _metrics.Repaired(profile.Id, repairs);
        CredentialRepairs fresh = _state.FirstTime(repairs);
        if (fresh != CredentialRepairs.None)
        {
            Log.CredentialRepaired(_logger, _clientName, profile.DisplayName, sent.Hint ?? "(none)", RepairText.Describe(fresh));
        }
    }

    private AuthFailure Refuse(HttpRequestMessage request, ProviderProfile profile, AuthFailureCause cause, string? keyHint, string? detail, string? header = null, string? organization = null, string? project = null)
    {
        string? host = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.IdnHost : null;
        AuthFailure failure = FailureFactory.BeforeSend(profile, cause, keyHint, detail, host, header, organization, project);

        // An SDK retrying what the handler threw repeats the same refusal within moments: log it once.
        DateTimeOffset now = _time.GetUtcNow();
        RecentRefusal? last = _state.LastRefusal;
        if (last is null || last.Cause != cause || !string.Equals(last.KeyHint, keyHint, StringComparison.Ordinal)
            || !string.Equals(last.Host, host, StringComparison.Ordinal) || now - last.At >= RefusalLogWindow)
        {
            Log.RequestRefused(_logger, _clientName, host, cause, failure.Remediation, keyHint);
            _state.LastRefusal = new RecentRefusal(cause, keyHint, host, now);
        }

        _metrics.Failure(failure);
        return failure;
    }

    private static string? QueryKey(Uri? uri, string parameter)
    {
        if (uri is not { IsAbsoluteUri: true } || uri.Query.Length < 2)
        {
            return null;
        }

        foreach (string pair in uri.Query[1..].Split('&'))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(parameter))
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    /// <summary>
    /// What a request carried, read back from its headers after it was sent (the failure path of a send that completed
    /// asynchronously, which keeps nothing from before the send so that the success path stays allocation-light).
    /// </summary>
    internal static SentCredential SentFrom(HttpRequestMessage request, ProviderProfile profile)
    {
        var sent = default(SentCredential);
        HttpRequestHeaders headers = request.Headers;
        if (HeaderReader.TryGetSingle(headers, profile.KeyHeader, out string? value, out _))
        {
            sent.HeaderValue = value;
            sent.KeyOffset = SchemeLength(value!, profile.KeyScheme);
        }
        else if (FindAlternative(headers, profile, out KeyPlacement? placement, out value))
        {
            sent.HeaderValue = value;
            sent.KeyOffset = SchemeLength(value!, placement!.Scheme);
        }
        else if (profile.KeyQueryParameter is { } parameter && QueryKey(request.RequestUri, parameter) is { } queryKey)
        {
            sent.HeaderValue = queryKey;
        }

        if (profile.OrganizationHeader is { } org && HeaderReader.TryGetSingle(headers, org, out string? organization, out _))
        {
            sent.Organization = organization;
        }

        if (profile.ProjectHeader is { } projectHeader && HeaderReader.TryGetSingle(headers, projectHeader, out string? project, out _))
        {
            sent.Project = project;
        }

        return sent;

        static int SchemeLength(string value, string? scheme) =>
            scheme is not null && value.Length > scheme.Length && value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && value[scheme.Length] == ' '
                ? scheme.Length + 1
                : 0;
    }
}
