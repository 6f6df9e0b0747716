using System.Net.Http.Headers;

namespace ApiAuth.Internal;

/// <summary>Rule 2: every carrier the profile did not read, in the request's headers and its content's.</summary>
internal ref partial struct CredentialPolicy
{
    /// <summary>The remediation for a header value that would put a second line on the wire.</summary>
    private const string LineBreakTemplate = "The {Header} header holds {Detail}: written as is, it would put a second header line on the wire, so the request was not sent. Fix the source of the value: two lines pasted together, or text after the value in the file or variable it was read from.";

    /// <summary>
    /// Every carrier the profile did not read (a gateway header, a second credential header, another provider's organization
    /// header): a line break inside a value is refused, one around it is trimmed, and the first credential found is what the
    /// request is known to carry when the profile's own place was empty. Lookups stop once every header is accounted for.
    /// </summary>
    private AuthFailure? InspectOtherCarriers()
    {
        HttpHeadersNonValidated raw = Headers.NonValidated;
        string? inspected = _consumed;
        int total = raw.Count;
        int seen = inspected is null ? 0 : 1;
        if (total <= seen)
        {
            return null;
        }

        HeaderShapeCache? shapes = _caches?.Shapes;
        if (shapes?.Shape is { } shape && ReferenceEquals(shape.Profile, _profile) && string.Equals(shape.Inspected, inspected, StringComparison.OrdinalIgnoreCase)
            && HasExactly(raw, shape, total - seen))
        {
            // The usual headers: only the carriers among them are read, in the same order a full scan reads them.
            string[] carriers = shape.Carriers;
            for (int i = 0; i < carriers.Length; i++)
            {
                if (raw.TryGetValues(carriers[i], out HeaderStringValues values)
                    && InspectCarrier(carriers[i], values, isKey: i < shape.KeyCarriers, inContent: false) is { } refused)
                {
                    return refused;
                }
            }

            return null;
        }

        AuthFailure? failure = ScanCarriers(raw, inspected, seen, total);
        if (failure is null && shapes is not null && shapes.ShouldLearn() && LearnShape(raw, inspected, total - seen) is { } learned)
        {
            shapes.Learn(learned);
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
    private readonly HeaderShape? LearnShape(HttpHeadersNonValidated raw, string? inspected, int others)
    {
        CredentialLocator locator = _settings.Locator;
        var names = new List<string>(others);
        var carriers = new List<string>();
        foreach (KeyValuePair<string, HeaderStringValues> header in raw)
        {
            string name = header.Key;
            if (inspected is not null && string.Equals(name, inspected, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            (locator.IsCarrier(name) && !IsOwnIdHeader(name) ? carriers : names).Add(name);
        }

        if (names.Count + carriers.Count != others)
        {
            return null;
        }

        carriers.Sort((a, b) => locator.CatalogIndex(a).CompareTo(locator.CatalogIndex(b)));
        int keyCarriers = carriers.Count(c => locator.CatalogIndex(c) < locator.KeyHeaders.Length);
        return new HeaderShape(_profile, inspected, [.. names], [.. carriers], keyCarriers);
    }

    private readonly bool IsOwnIdHeader(string name) =>
        string.Equals(name, _profile.OrganizationHeader, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, _profile.ProjectHeader, StringComparison.OrdinalIgnoreCase);

    private AuthFailure? ScanCarriers(HttpHeadersNonValidated raw, string? inspected, int seen, int total)
    {
        CredentialLocator locator = _settings.Locator;
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
                if (InspectCarrier(name, values, isKey: true, inContent: false) is { } failure)
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

                // The profile's own organization and project headers are checked where they are read (rule 5).
                if (!IsOwnIdHeader(name) && InspectCarrier(name, values, isKey: false, inContent: false) is { } failure)
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
                if (InspectCarrier(name, values, isKey: false, inContent: false) is { } failure)
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
    private AuthFailure? InspectContentCarriers()
    {
        if (!CredentialLocator.MayCarry(_request.Content, out HttpHeadersNonValidated raw))
        {
            return null;
        }

        CredentialLocator locator = _settings.Locator;
        foreach (string[] names in (ReadOnlySpan<string[]>)[locator.KeyHeaders, locator.IdHeaders, locator.OtherHeaders])
        {
            bool isKey = ReferenceEquals(names, locator.KeyHeaders);
            foreach (string name in names)
            {
                if (raw.TryGetValues(name, out HeaderStringValues values) && InspectCarrier(name, values, isKey, inContent: true) is { } failure)
                {
                    return failure;
                }
            }
        }

        return null;
    }

    private AuthFailure? InspectCarrier(string name, HeaderStringValues values, bool isKey, bool inContent)
    {
        string? first = null;
        bool edge = false;
        foreach (string value in values)
        {
            first ??= value;
            switch (CredentialLocator.FindLineBreak(value, out int position))
            {
                case LineBreakPlace.Inside:
                    string? hint = isKey ? KeyHint.For(value.AsSpan(CredentialLocator.KeyOffset(name, value))) : _result.Sent.Hint;
                    return RefuseLineBreak(name, value, position, hint);
                case LineBreakPlace.Edge:
                    edge = true;
                    break;
            }
        }

        if (edge)
        {
            string[] trimmed = [.. values.Select(static v => v.Trim())];
            first = trimmed[0];
            if (_settings.Options.Strict)
            {
                return Refuse(AuthFailureCause.MalformedKey, isKey ? KeyHint.For(first.AsSpan(CredentialLocator.KeyOffset(name, first))) : _result.Sent.Hint,
                    $"a line break around the value of the {name} header (strict mode refuses what it would otherwise repair)", name);
            }

            _result.Rewrites.Add(new HeaderRewrite(name, trimmed.Length == 1 ? trimmed[0] : null, trimmed.Length == 1 ? null : trimmed, inContent, Remove: true));
            Repaired(CredentialRepairs.RemovedLineBreak);
        }

        if (isKey && _result.Sent.HeaderValue is null && first is { Length: > 0 })
        {
            CredentialLocator.Fill(ref _result.Sent, name, first);
        }

        return null;
    }

    private AuthFailure RefuseLineBreak(string header, string value, int position, string? keyHint)
    {
        string what = value.Contains('\0', StringComparison.Ordinal) ? "a NUL character" : "a line break";
        AuthFailureCause cause = CredentialCarriers.IsSchemeHeader(header) || CredentialCarriers.IsCrossOriginOnly(header) ? AuthFailureCause.MalformedAuthorizationHeader : AuthFailureCause.MalformedKey;
        return Refuse(cause, keyHint, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} inside its value (at position {position} of {value.Trim().Length})"), header, template: LineBreakTemplate);
    }
}
