using System.Net.Http.Headers;
using ApiAuth.Providers;
using static ApiAuth.Internal.CredentialCache;

namespace ApiAuth.Internal;

/// <summary>Rule 1: the credential in the profile's place, a misplaced key, the profile's query parameter, or the configured key.</summary>
internal ref partial struct CredentialPolicy
{
    private AuthFailure? LocatePrimary()
    {
        HttpRequestHeaders headers = Headers;
        HeaderStyleCache? style = _caches?.Style;
        AuthorizationStyle known = style?.Next() ?? AuthorizationStyle.Unknown;
        if (known == AuthorizationStyle.Typed && TryTyped(headers))
        {
            // A typed header (DefaultRequestHeaders.Authorization): its scheme and key are read without formatting.
            _result.Sent.Carrier = _profile.KeyHeader;
            _consumed = _profile.KeyHeader;
            return ValidateClean(_result.Sent.HeaderValue!);
        }

        if (HeaderReader.TryGetSingle(headers, _profile.KeyHeader, out string? value, out int count))
        {
            if (style is not null && known == AuthorizationStyle.Unknown)
            {
                LearnAuthorizationStyle(style, headers, value!);
            }

            _consumed = _profile.KeyHeader;
            return count > 1
                ? Refuse(AuthFailureCause.MalformedAuthorizationHeader, null, $"{count} {_profile.KeyHeader} headers (one set on DefaultRequestHeaders and another on the request?)", _profile.KeyHeader)
                : InspectPlacement(_profile.KeyHeader, _profile.KeyScheme, value!);
        }

        if (FindAlternative(headers, _profile, out KeyPlacement? placement, out value))
        {
            _consumed = placement!.Header;
            return InspectPlacement(placement.Header, placement.Scheme, value!);
        }

        return LocateElsewhere();
    }

    /// <summary>
    /// Reads a typed <c>Authorization</c> value through the typed getter, which costs nothing for a typed value,
    /// when the client is known to set it typed and the value needs no repair.
    /// </summary>
    private bool TryTyped(HttpRequestHeaders headers)
    {
        if (_profile.KeyScheme is not { } scheme || !string.Equals(_profile.KeyHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (headers.Authorization is { Parameter: { } parameter } typed
            && string.Equals(typed.Scheme, scheme, StringComparison.Ordinal)
            && CredentialSanitizer.IsClean(parameter, scheme: null))
        {
            _result.Sent.HeaderValue = parameter;
            _result.Sent.KeyOffset = 0;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Learns once per client whether it sets Authorization typed (a parsed value is formatted anew on every raw read)
    /// or raw (the same string comes back): the cheaper way to read it is then used for every later request.
    /// </summary>
    private readonly void LearnAuthorizationStyle(HeaderStyleCache style, HttpRequestHeaders headers, string first)
    {
        if (_profile.KeyHeader != "Authorization")
        {
            return;
        }

        style.Style = HeaderReader.TryGetSingle(headers, _profile.KeyHeader, out string? second, out _) && ReferenceEquals(first, second)
            ? AuthorizationStyle.Raw
            : AuthorizationStyle.Typed;
    }

    /// <summary>
    /// Validates a clean credential, remembering the last one that passed: a client sends the same key request after request,
    /// so the common case is one ordinal comparison instead of the format checks.
    /// </summary>
    private AuthFailure? ValidateClean(string value)
    {
        CredentialCache? cache = _caches?.Credentials;
        ValidatedCredential? known = cache?.LastValid;
        if (known is not null && ReferenceEquals(known.Profile, _profile) && string.Equals(known.Value, value, StringComparison.Ordinal))
        {
            return null;
        }

        KeyVerdict? verdict = CredentialValidator.Validate(_profile, _result.Sent.Key);
        if (verdict is null)
        {
            cache?.LastValid = new ValidatedCredential(value, _profile);
            return null;
        }

        return Refuse(verdict.Cause, _result.Sent.Hint, verdict.Detail);
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

    private AuthFailure? InspectPlacement(string header, string? scheme, string value)
    {
        _result.Sent.Carrier = header;
        if (CredentialSanitizer.IsClean(value, scheme))
        {
            _result.Sent.HeaderValue = value;
            _result.Sent.KeyOffset = scheme is null ? 0 : scheme.Length + 1;
            return ValidateClean(value);
        }

        RepairCacheEntry entry = Analyze(header, scheme, value);
        SanitizedCredential clean = entry.Sanitized;
        if (clean.IsOtherScheme)
        {
            return InspectOtherScheme(header, clean);
        }

        _result.Sent.HeaderValue = clean.HeaderValue;
        _result.Sent.KeyOffset = clean.HeaderValue.Length - clean.Key.Length;
        if (clean.SchemeProblem is not null)
        {
            return Refuse(AuthFailureCause.MalformedAuthorizationHeader, KeyHint.For(clean.Key), clean.SchemeProblem, header);
        }

        if (entry.Verdict is { } refused)
        {
            return Refuse(refused.Cause, _result.Sent.Hint, refused.Detail);
        }

        return RepairHeader(header, clean);
    }

    /// <summary>
    /// A scheme the provider also accepts (<c>Basic</c>, whose password is the key): not validated as a key, but located (hint,
    /// redaction, endpoint rules), never sent with a line break inside, and trimmed like any credential.
    /// </summary>
    private AuthFailure? InspectOtherScheme(string header, SanitizedCredential clean)
    {
        CredentialLocator.Fill(ref _result.Sent, header, clean.HeaderValue);
        if (CredentialLocator.FindLineBreak(clean.HeaderValue, out int position) != LineBreakPlace.None)
        {
            return RefuseLineBreak(header, clean.HeaderValue, position, _result.Sent.Hint);
        }

        return RepairHeader(header, clean);
    }

    /// <summary>Rewrites a header whose value needed a repair, or refuses in strict mode.</summary>
    private AuthFailure? RepairHeader(string header, SanitizedCredential clean)
    {
        if (clean.Repairs == CredentialRepairs.None)
        {
            return null;
        }

        if (_settings.Options.Strict)
        {
            return RefuseRepair(header, clean.Repairs, _result.Sent.Hint);
        }

        Rewrite(header, clean.HeaderValue);
        Repaired(clean.Repairs);
        return null;
    }

    private readonly RepairCacheEntry Analyze(string header, string? scheme, string raw)
    {
        CredentialCache? cache = _caches?.Credentials;
        RepairCacheEntry? cached = cache?.LastRepair;
        if (cached is not null && string.Equals(cached.Raw, raw, StringComparison.Ordinal) && ReferenceEquals(cached.Profile, _profile) && ReferenceEquals(cached.Header, header))
        {
            return cached;
        }

        SanitizedCredential clean = _profile.RepairsHeaders
            ? CredentialSanitizer.Sanitize(raw, scheme)
            : CredentialSanitizer.SanitizeOpaque(raw);
        KeyVerdict? verdict = clean.IsOtherScheme || clean.SchemeProblem is not null ? null : CredentialValidator.Validate(_profile, clean.Key);
        var entry = new RepairCacheEntry(raw, clean, verdict, _profile, header);
        cache?.LastRepair = entry;
        return entry;
    }

    /// <summary>Nothing in the profile's place: a misplaced key, the profile's query parameter, the configured key, or nothing.</summary>
    private AuthFailure? LocateElsewhere()
    {
        HttpRequestHeaders headers = Headers;
        if (_profile.RepairsHeaders)
        {
            foreach (string misplaced in _profile.MisplacedKeyHeaders)
            {
                if (!HeaderReader.TryGetSingle(headers, misplaced, out string? raw, out _))
                {
                    continue;
                }

                SanitizedCredential bare = CredentialSanitizer.Sanitize(raw!, scheme: null);
                _result.Sent.HeaderValue = bare.Key;
                _result.Sent.KeyOffset = 0;
                if (CredentialValidator.Validate(_profile, bare.Key) is { } verdict)
                {
                    return Refuse(verdict.Cause, _result.Sent.Hint, verdict.Detail);
                }

                if (_settings.Options.Strict)
                {
                    return Refuse(AuthFailureCause.WrongHeaderName, _result.Sent.Hint, $"the '{misplaced}' header", _profile.KeyHeader);
                }

                string value = _profile.KeyScheme is null ? bare.Key : string.Concat(_profile.KeyScheme, " ", bare.Key);
                Rewrite(misplaced, null);
                Rewrite(_profile.KeyHeader, value, remove: false);
                _consumed = misplaced;
                _result.MovedFrom = misplaced;
                _result.Sent.Carrier = _profile.KeyHeader;
                _result.Sent.HeaderValue = value;
                _result.Sent.KeyOffset = value.Length - bare.Key.Length;
                Repaired(bare.Repairs);
                return null;
            }
        }

        if (_profile.KeyQueryParameter is { } parameter && QueryKey(_request.RequestUri, parameter) is { } queryKey)
        {
            _result.Sent.HeaderValue = queryKey;
            _result.Sent.KeyOffset = 0;
            _result.Sent.Carrier = "?" + parameter;
            SanitizedCredential bare = CredentialSanitizer.Sanitize(queryKey, scheme: null);
            if (CredentialValidator.Validate(_profile, bare.Key) is { } verdict)
            {
                return Refuse(verdict.Cause, _result.Sent.Hint, $"{verdict.Detail} (in the ?{parameter}= query parameter)");
            }

            if (bare.Repairs != CredentialRepairs.None)
            {
                return Refuse(AuthFailureCause.MalformedKey, _result.Sent.Hint, $"{RepairText.Describe(bare.Repairs)} needed in the ?{parameter}= query parameter, which ApiAuth does not rewrite; send the key in the {_profile.KeyHeader} header instead");
            }

            return null;
        }

        if (_settings.ConfiguredKey is { } configured)
        {
            _result.Sent.HeaderValue = configured.Key;
            if (CredentialValidator.Validate(_profile, configured.Key) is { } verdict)
            {
                string detail = _settings.KeySource is { } source ? $"{verdict.Detail} (from {source})" : verdict.Detail;
                return Refuse(verdict.Cause, _result.Sent.Hint, detail);
            }

            string value = _settings.ConfiguredHeaderValue(_profile);
            Rewrite(_profile.KeyHeader, value, remove: false);
            _result.Sent.Carrier = _profile.KeyHeader;
            _result.Sent.HeaderValue = value;
            _result.Sent.KeyOffset = value.Length - configured.Key.Length;
            _result.Sent.ConfiguredBy = _settings;
            Repaired(configured.Repairs);
            return null;
        }

        if (_profile.KeyRequired && !CarriesKeyInContent())
        {
            return Refuse(AuthFailureCause.MissingKey, null, null);
        }

        return null;
    }

    /// <summary>Gets a value indicating whether a content header carries a key (then it is located and checked with the other carriers).</summary>
    private readonly bool CarriesKeyInContent()
    {
        if (!CredentialLocator.MayCarry(_request.Content, out HttpHeadersNonValidated raw))
        {
            return false;
        }

        foreach (string name in _settings.Locator.KeyHeaders)
        {
            if (raw.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private AuthFailure RefuseRepair(string header, CredentialRepairs repairs, string? keyHint)
    {
        const CredentialRepairs SchemeRepairs = CredentialRepairs.AddedBearerScheme | CredentialRepairs.RemovedDuplicateBearer | CredentialRepairs.NormalizedBearerScheme;
        AuthFailureCause cause = (repairs & ~SchemeRepairs) != 0 ? AuthFailureCause.MalformedKey : AuthFailureCause.MalformedAuthorizationHeader;
        string detail = cause == AuthFailureCause.MalformedKey
            ? $"{RepairText.Describe(repairs & ~SchemeRepairs)} around it (strict mode refuses what it would otherwise repair)"
            : $"{RepairText.Describe(repairs)} (strict mode refuses what it would otherwise repair)";
        return Refuse(cause, keyHint, detail, header);
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
}
