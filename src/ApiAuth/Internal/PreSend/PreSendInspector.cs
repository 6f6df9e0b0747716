using System.Buffers;
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

    /// <summary>Printable ASCII without space: what an organization or project id consists of.</summary>
    /// <remarks>A <see cref="SearchValues{T}"/>, not <c>ContainsAnyExceptInRange</c>, which allocates on .NET 10.</remarks>
    private static readonly SearchValues<char> PrintableAscii = SearchValues.Create("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>The remediation for a header value that would put a second line on the wire.</summary>
    private const string LineBreakTemplate = "The {Header} header holds {Detail}: written as is, it would put a second header line on the wire, so the request was not sent. Fix the source of the value: two lines pasted together, or text after the value in the file or variable it was read from.";

    /// <summary>The remediation for an option whose value can never be written as a header.</summary>
    private const string UnwritableOptionTemplate = "The {Detail} option holds a control character (a line break, tab or NUL) inside its value, which would inject a header line; nothing is sent while it does. Fix the configured value (it usually holds two lines, or text after the id).";

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
            sent.Carrier = profile.KeyHeader;
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

        if (failure is null)
        {
            // Every other carrier, on every host: no line break reaches the wire, and a credential there counts for the rules below.
            string? inspected = sent.Carrier is { } carrier && carrier[0] != '?' ? carrier : null;
            failure = InspectOtherCarriers(request, profile, inspected, ref sent)

                // The content headers: .NET writes them like the request's own, so the same rules hold for a carrier there.
                ?? InspectContentCarriers(request, profile, ref sent);
            if (failure is null && sent.HeaderValue is null)
            {
                // No header carries one: a key-carrying query parameter is what the request carries (read only when the URI has a query).
                CredentialLocator.TryFindInQuery(request.RequestUri, ref sent);
            }
        }

        if (failure is null && sent.HeaderValue is not null && JwtExpiry.LooksLikeJwt(sent.Key))
        {
            failure = CheckJwt(request, profile, ref sent);
        }

        if (failure is null && request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            failure = CheckEndpoint(request, profile, uri, ref sent);
        }

        if (failure is not null)
        {
            return failure;
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
        sent.Carrier = header;
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
            return InspectOtherScheme(request, profile, header, clean, ref sent);
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

    /// <summary>
    /// A scheme the provider also accepts (<c>Basic</c>, whose password is the key): not validated as a key, but located (hint,
    /// redaction, endpoint rules), never sent with a line break inside, and trimmed like any credential.
    /// </summary>
    private AuthFailure? InspectOtherScheme(HttpRequestMessage request, ProviderProfile profile, string header, SanitizedCredential clean, ref SentCredential sent)
    {
        CredentialLocator.Fill(ref sent, header, clean.HeaderValue);
        if (CredentialLocator.FindLineBreak(clean.HeaderValue, out int position) != LineBreakPlace.None)
        {
            return RefuseLineBreak(request, profile, header, clean.HeaderValue, position, sent.Hint);
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

    /// <summary>
    /// Every carrier the profile did not read (a gateway header, a second credential header, another provider's organization
    /// header): a line break inside a value is refused, one around it is trimmed, and the first credential found is what the
    /// request is known to carry when the profile's own place was empty. Lookups stop once every header is accounted for.
    /// </summary>
    private AuthFailure? InspectOtherCarriers(HttpRequestMessage request, ProviderProfile profile, string? inspected, ref SentCredential sent)
    {
        HttpHeadersNonValidated raw = request.Headers.NonValidated;
        int total = raw.Count;
        int seen = inspected is null ? 0 : 1;
        if (total <= seen)
        {
            return null;
        }

        HandlerSettings settings = Settings;
        if (settings.Shape is { } shape && ReferenceEquals(shape.Profile, profile) && string.Equals(shape.Inspected, inspected, StringComparison.OrdinalIgnoreCase)
            && HasExactly(raw, shape, total - seen))
        {
            // The usual headers: only the carriers among them are read, in the same order a full scan reads them.
            string[] carriers = shape.Carriers;
            for (int i = 0; i < carriers.Length; i++)
            {
                if (raw.TryGetValues(carriers[i], out HeaderStringValues values)
                    && InspectCarrier(request, profile, request.Headers, carriers[i], values, isKey: i < shape.KeyCarriers, ref sent) is { } refused)
                {
                    return refused;
                }
            }

            return null;
        }

        AuthFailure? failure = ScanCarriers(request, profile, inspected, seen, total, ref sent);
        if (failure is null && settings.ShouldLearnShape() && LearnShape(raw, profile, inspected, total - seen) is { } learned)
        {
            settings.Learn(learned);
        }

        return failure;
    }

    /// <summary>Gets a value indicating whether the headers are the shape's names and carriers and no others (besides the one inspected).</summary>
    private static bool HasExactly(HttpHeadersNonValidated raw, HeaderShape shape, int others)
    {
        if (shape.Names.Length + shape.Carriers.Length != others)
        {
            return false;
        }

        foreach (string name in shape.Names)
        {
            if (!raw.Contains(name))
            {
                return false;
            }
        }

        foreach (string name in shape.Carriers)
        {
            if (!raw.Contains(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Learns the request's other header names: the carriers to check (in catalog order) and the rest. Enumerating formats
    /// typed values, so this runs on a client's first request and then at most once every 64 requests of another shape.
    /// </summary>
    private HeaderShape? LearnShape(HttpHeadersNonValidated raw, ProviderProfile profile, string? inspected, int others)
    {
        CredentialLocator locator = Settings.Locator;
        var names = new List<string>(others);
        var carriers = new List<string>();
        foreach (KeyValuePair<string, HeaderStringValues> header in raw)
        {
            string name = header.Key;
            if (inspected is not null && string.Equals(name, inspected, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            bool ownIdHeader = string.Equals(name, profile.OrganizationHeader, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, profile.ProjectHeader, StringComparison.OrdinalIgnoreCase);
            (locator.IsCarrier(name) && !ownIdHeader ? carriers : names).Add(name);
        }

        if (names.Count + carriers.Count != others)
        {
            return null;
        }

        carriers.Sort((a, b) => locator.CatalogIndex(a).CompareTo(locator.CatalogIndex(b)));
        int keyCarriers = carriers.Count(c => locator.CatalogIndex(c) < locator.KeyHeaders.Length);
        return new HeaderShape(profile, inspected, [.. names], [.. carriers], keyCarriers);
    }

    private AuthFailure? ScanCarriers(HttpRequestMessage request, ProviderProfile profile, string? inspected, int seen, int total, ref SentCredential sent)
    {
        HttpHeadersNonValidated raw = request.Headers.NonValidated;
        CredentialLocator locator = Settings.Locator;
        foreach (string name in locator.KeyHeaders)
        {
            if (seen >= total)
            {
                return null;
            }

            if (inspected is not null && string.Equals(name, inspected, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (raw.TryGetValues(name, out HeaderStringValues values))
            {
                seen++;
                if (InspectCarrier(request, profile, request.Headers, name, values, isKey: true, ref sent) is { } failure)
                {
                    return failure;
                }
            }
        }

        foreach (string name in locator.IdHeaders)
        {
            if (seen >= total)
            {
                return null;
            }

            if (raw.TryGetValues(name, out HeaderStringValues values))
            {
                seen++;
                bool ownIdHeader = string.Equals(name, profile.OrganizationHeader, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, profile.ProjectHeader, StringComparison.OrdinalIgnoreCase);
                if (!ownIdHeader && InspectCarrier(request, profile, request.Headers, name, values, isKey: false, ref sent) is { } failure)
                {
                    return failure;
                }
            }
        }

        foreach (string name in locator.OtherHeaders)
        {
            if (seen >= total)
            {
                return null;
            }

            // Cookie and Proxy-Authorization: no key (the endpoint rules leave them alone), but no line break inside them is sent.
            if (raw.TryGetValues(name, out HeaderStringValues values))
            {
                seen++;
                if (InspectCarrier(request, profile, request.Headers, name, values, isKey: false, ref sent) is { } failure)
                {
                    return failure;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The carriers among the content headers (<c>content.Headers.TryAddWithoutValidation("x-api-key", …)</c> is written on the
    /// wire too): a line break inside is refused, one around is trimmed, and a key there is the credential the request carries
    /// when no request header carried one, for the endpoint rules, the key hint and redaction. The usual content (none, or only
    /// <c>Content-Type</c>/<c>Content-Length</c>) costs a count and a lookup or two.
    /// </summary>
    private AuthFailure? InspectContentCarriers(HttpRequestMessage request, ProviderProfile profile, ref SentCredential sent)
    {
        if (!CredentialLocator.MayCarry(request.Content, out HttpHeadersNonValidated raw))
        {
            return null;
        }

        HttpContentHeaders target = request.Content!.Headers;
        CredentialLocator locator = Settings.Locator;
        foreach (string[] names in (ReadOnlySpan<string[]>)[locator.KeyHeaders, locator.IdHeaders, locator.OtherHeaders])
        {
            bool isKey = ReferenceEquals(names, locator.KeyHeaders);
            foreach (string name in names)
            {
                if (raw.TryGetValues(name, out HeaderStringValues values) && InspectCarrier(request, profile, target, name, values, isKey, ref sent) is { } failure)
                {
                    return failure;
                }
            }
        }

        return null;
    }

    private AuthFailure? InspectCarrier(HttpRequestMessage request, ProviderProfile profile, HttpHeaders target, string name, HeaderStringValues values, bool isKey, ref SentCredential sent)
    {
        string? first = null;
        bool edge = false;
        foreach (string value in values)
        {
            first ??= value;
            switch (CredentialLocator.FindLineBreak(value, out int position))
            {
                case LineBreakPlace.Inside:
                    string? hint = isKey ? KeyHint.For(value.AsSpan(CredentialLocator.KeyOffset(name, value))) : sent.Hint;
                    return RefuseLineBreak(request, profile, name, value, position, hint);
                case LineBreakPlace.Edge:
                    edge = true;
                    break;
            }
        }

        if (edge)
        {
            string[] trimmed = [.. values.Select(static v => v.Trim())];
            first = trimmed[0];
            if (Settings.Options.Strict)
            {
                return Refuse(request, profile, AuthFailureCause.MalformedKey, isKey ? KeyHint.For(first.AsSpan(CredentialLocator.KeyOffset(name, first))) : sent.Hint,
                    $"a line break around the value of the {name} header (strict mode refuses what it would otherwise repair)", name);
            }

            target.Remove(name);
            foreach (string value in trimmed)
            {
                target.TryAddWithoutValidation(name, value);
            }
        }

        if (isKey && sent.HeaderValue is null && first is { Length: > 0 })
        {
            CredentialLocator.Fill(ref sent, name, first);
        }

        if (edge)
        {
            Warn(profile, CredentialRepairs.RemovedLineBreak, sent);
        }

        return null;
    }

    private AuthFailure RefuseLineBreak(HttpRequestMessage request, ProviderProfile profile, string header, string value, int position, string? keyHint)
    {
        string what = value.Contains('\0', StringComparison.Ordinal) ? "a NUL character" : "a line break";
        AuthFailureCause cause = CredentialCarriers.IsSchemeHeader(header) || CredentialCarriers.IsCrossOriginOnly(header) ? AuthFailureCause.MalformedAuthorizationHeader : AuthFailureCause.MalformedKey;
        return Refuse(request, profile, cause, keyHint, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} inside its value (at position {position} of {value.Trim().Length})"), header, template: LineBreakTemplate);
    }

    /// <summary>
    /// Plain http and <c>AllowedHosts</c>: asked only when the request goes over plain http or outside the allowed hosts, and
    /// then about a credential anywhere (every header was located above; the query is read now).
    /// </summary>
    private AuthFailure? CheckEndpoint(HttpRequestMessage request, ProviderProfile profile, Uri uri, ref SentCredential sent)
    {
        HandlerSettings settings = Settings;
        bool plainHttp = !settings.Options.AllowInsecureHttp && EndpointRules.IsPlainHttp(uri);
        bool outside = settings.AllowedHosts is not null && !settings.IsAllowedHost(uri.IdnHost);
        if (!plainHttp && !outside)
        {
            return null;
        }

        if (sent.HeaderValue is null && !CredentialLocator.TryFindInQuery(uri, ref sent))
        {
            return null;
        }

        PlainHttpVerdict verdict = PlainHttpVerdict.Allowed;
        if (plainHttp)
        {
            verdict = sent.IsBasic ? EndpointRules.PlainHttp(uri, sent.KeyString) : EndpointRules.PlainHttp(uri, sent.Key);
            if (verdict == PlainHttpVerdict.AllowedWithWarning && settings.Locator.AnyCloudKey(request))
            {
                // Not only the first credential: a cloud provider's key in any carrier of the request is refused there.
                verdict = PlainHttpVerdict.RefusedCloudKey;
            }
            if (verdict == PlainHttpVerdict.Refused)
            {
                return Refuse(request, profile, AuthFailureCause.WrongEndpoint, sent.Hint,
                    $"The request would carry the key {sent.Hint} in clear text over http to {uri.IdnHost}, a public host. Use an https:// base address, or set AllowInsecureHttp only for a network you trust.");
            }

            if (verdict == PlainHttpVerdict.RefusedCloudKey)
            {
                return Refuse(request, profile, AuthFailureCause.WrongEndpoint, sent.Hint,
                    $"The request would carry the key {sent.Hint}, in a cloud provider's format, in clear text over http to {uri.IdnHost}. Plain http is accepted on your own network for local servers, never for a cloud provider's key: use https, or set AllowInsecureHttp only for a network you trust.");
            }
        }

        if (outside)
        {
            return Refuse(request, profile, AuthFailureCause.WrongEndpoint, sent.Hint,
                $"The request would carry the key {sent.Hint} to {uri.IdnHost}, which is not in this client's AllowedHosts ({string.Join(", ", settings.AllowedHosts!)}). Check the base address, or add the host if it is yours.");
        }

        if (verdict == PlainHttpVerdict.AllowedWithWarning && settings.FirstOwnNetworkWarning())
        {
            Log.PlainHttpToOwnNetwork(_logger, _clientName, uri.IdnHost, sent.Hint ?? "(none)");
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
                sent.Carrier = profile.KeyHeader;
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
            sent.Carrier = "?" + parameter;
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
            sent.Carrier = profile.KeyHeader;
            sent.HeaderValue = value;
            sent.KeyOffset = value.Length - configured.Key.Length;
            sent.ConfiguredBy = settings;
            Warn(profile, configured.Repairs, sent);
            return null;
        }

        if (profile.KeyRequired && !CarriesKeyInContent(request))
        {
            return Refuse(request, profile, AuthFailureCause.MissingKey, null, null);
        }

        return null;
    }

    /// <summary>Gets a value indicating whether a content header carries a key (then it is located and checked with the other carriers).</summary>
    private bool CarriesKeyInContent(HttpRequestMessage request)
    {
        if (!CredentialLocator.MayCarry(request.Content, out HttpHeadersNonValidated raw))
        {
            return false;
        }

        foreach (string name in Settings.Locator.KeyHeaders)
        {
            if (raw.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private AuthFailure? InspectOrganization(HttpRequestMessage request, ProviderProfile profile, ref SentCredential sent)
    {
        HandlerSettings settings = Settings;
        AuthFailure? failure = InspectIdHeader(request, profile, profile.OrganizationHeader!, settings.OrganizationUnwritable ? nameof(settings.Organization) : null, settings.Organization, profile.ProjectIdPrefix, AuthFailureCause.WrongOrganization, CredentialRepairs.TrimmedOrganization, ref sent.Organization, sent);
        if (failure is null && profile.ProjectHeader is not null)
        {
            failure = InspectIdHeader(request, profile, profile.ProjectHeader, settings.ProjectUnwritable ? nameof(settings.Project) : null, settings.Project, profile.OrganizationIdPrefix, AuthFailureCause.WrongProject, CredentialRepairs.TrimmedProject, ref sent.Project, sent);
        }

        return failure;
    }

    private AuthFailure? InspectIdHeader(HttpRequestMessage request, ProviderProfile profile, string header, string? unwritableOption, string? configured, string? otherPrefix, AuthFailureCause cause, CredentialRepairs repair, ref string? sentId, in SentCredential sent)
    {
        HttpRequestHeaders headers = request.Headers;
        if (!HeaderReader.TryGetSingle(headers, header, out string? raw, out _))
        {
            if (unwritableOption is not null)
            {
                // Start-up validation reports it; should a client run without it, the value is still never written.
                return Refuse(request, profile, AuthFailureCause.MalformedKey, sent.Hint, unwritableOption, header, template: UnwritableOptionTemplate);
            }

            if (configured is not null)
            {
                headers.TryAddWithoutValidation(header, configured);
                sentId = configured;
            }

            return null;
        }

        string value = raw!;

        // Anything but printable ASCII (whitespace, quotes, invisible characters, CR/LF/NUL) goes through the cleaner; an id is
        // plain ASCII, so the usual value needs neither the line-break scan nor the cleaner.
        bool needsClean = value.Length == 0 || value[0] is '"' or '\'' || value.AsSpan().ContainsAnyExcept(PrintableAscii);
        if (needsClean)
        {
            if (CredentialLocator.FindLineBreak(value, out int position) == LineBreakPlace.Inside)
            {
                return RefuseLineBreak(request, profile, header, value, position, sent.Hint);
            }

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

    private AuthFailure Refuse(HttpRequestMessage request, ProviderProfile profile, AuthFailureCause cause, string? keyHint, string? detail, string? header = null, string? organization = null, string? project = null, string? template = null)
    {
        string? host = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.IdnHost : null;
        AuthFailure failure = template is null
            ? FailureFactory.BeforeSend(profile, cause, keyHint, detail, host, header, organization, project)
            : new AuthFailure(cause, profile.Id, Remediation.Render(profile, cause, new RemediationContext { Host = host, KeyHint = keyHint, Detail = detail, Header = header }, template))
            {
                RequestWasSent = false,
                KeyHint = keyHint,
                Host = host,
            };

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
            if (sent.KeyOffset == 0 && value!.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                CredentialLocator.Fill(ref sent, profile.KeyHeader, value);
            }
        }
        else if (FindAlternative(headers, profile, out KeyPlacement? placement, out value))
        {
            sent.HeaderValue = value;
            sent.KeyOffset = SchemeLength(value!, placement!.Scheme);
            sent.Carrier = placement.Header;
        }
        else if (profile.KeyQueryParameter is { } parameter && QueryKey(request.RequestUri, parameter) is { } queryKey)
        {
            sent.HeaderValue = queryKey;
            sent.Carrier = "?" + parameter;
        }
        else
        {
            // Not where the profile reads it: any other carrier (a gateway header, Basic, a key-carrying query parameter).
            CredentialLocator.Default.TryFind(request, profile.KeyHeader, ref sent);
        }

        if (sent.Carrier is null && sent.HeaderValue is not null)
        {
            sent.Carrier = profile.KeyHeader;
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
