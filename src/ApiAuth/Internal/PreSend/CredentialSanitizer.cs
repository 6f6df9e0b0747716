using System.Buffers;

namespace ApiAuth.Internal;

/// <summary>
/// The repair half of the pre-send credential policy (ARCHITECTURE.md, "Pre-send credential policy"): repairs what is
/// safely repairable in a credential header value (surrounding whitespace and line breaks, BOM, zero-width characters,
/// NBSP, wrapping quotes, a missing, doubled or mis-cased <c>Bearer</c> scheme). It never guesses: anything else is
/// left for the validator.
/// </summary>
internal static class CredentialSanitizer
{
    /// <summary>Invisible characters that are never part of a key: BOM, zero-width space/joiners, word joiner, soft hyphen.</summary>
    private static readonly SearchValues<char> InvisibleChars = SearchValues.Create("\uFEFF\u200B\u200C\u200D\u2060\u00AD\u180E");

    private const string Bearer = "Bearer";

    /// <summary>
    /// The allocation-free check made on every request: is the header value already exactly
    /// <c>{scheme} {key}</c> (or the bare key) with nothing to repair?
    /// </summary>
    /// <param name="value">The raw header value.</param>
    /// <param name="scheme">The scheme the provider expects, or <see langword="null"/> for a bare key.</param>
    /// <returns><see langword="true"/> when the value needs no repair (it may still fail validation).</returns>
    public static bool IsClean(ReadOnlySpan<char> value, string? scheme)
    {
        ReadOnlySpan<char> key = value;
        if (scheme is not null)
        {
            if (value.Length <= scheme.Length + 1
                || !value.StartsWith(scheme, StringComparison.Ordinal)
                || value[scheme.Length] != ' ')
            {
                return false;
            }

            key = value[(scheme.Length + 1)..];
            if (key.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return !key.IsEmpty && !key.ContainsAnyExcept(KeyCharacters.Clean);
    }

    /// <summary>Repairs a header value.</summary>
    /// <param name="raw">The raw header value.</param>
    /// <param name="scheme">The scheme the provider expects (<c>Bearer</c>), or <see langword="null"/> for a bare key.</param>
    /// <returns>The repaired key and header value, what was repaired, or the scheme problem found.</returns>
    public static SanitizedCredential Sanitize(string raw, string? scheme)
    {
        var repairs = CredentialRepairs.None;
        string s = raw;

        if (s.AsSpan().ContainsAny(InvisibleChars))
        {
            s = RemoveInvisible(s);
            repairs |= CredentialRepairs.RemovedInvisibleCharacters;
        }

        s = TrimAndUnquote(s, ref repairs);

        if (scheme is null)
        {
            // A bare-key header (x-api-key, api-key): a "Bearer " in front of it is a doubled scheme.
            if (TryStripScheme(s, Bearer, out string rest, out _))
            {
                repairs |= CredentialRepairs.RemovedDuplicateBearer;
                s = TrimAndUnquote(rest, ref repairs);
            }

            return new SanitizedCredential(s, s, repairs, null);
        }

        int schemes = 0;
        while (TryStripScheme(s, scheme, out string rest, out bool exact))
        {
            schemes++;
            if (!exact)
            {
                repairs |= CredentialRepairs.NormalizedBearerScheme;
            }

            s = TrimAndUnquote(rest, ref repairs);
        }

        if (schemes == 0 && s.Equals(scheme, StringComparison.OrdinalIgnoreCase))
        {
            // "Bearer" alone: the scheme with no key after it.
            return new SanitizedCredential(string.Empty, scheme, repairs, null);
        }

        if (schemes == 0)
        {
            int space = s.AsSpan().IndexOfAny(' ', '\t');
            if (space > 0 && space <= 24 && IsSchemeWord(s.AsSpan(0, space)))
            {
                string word = s[..space];
                if (word.Equals("Basic", StringComparison.OrdinalIgnoreCase))
                {
                    // Some providers (OpenAI) also accept Basic with the key as password: only what surrounds it is repaired.
                    return new SanitizedCredential(s[(space + 1)..].Trim(), s, repairs, null) { IsOtherScheme = true };
                }

                return new SanitizedCredential(s[(space + 1)..].Trim(), raw, repairs, $"the scheme '{word}' instead of '{scheme}'");
            }

            repairs |= CredentialRepairs.AddedBearerScheme;
        }
        else if (schemes > 1)
        {
            repairs |= CredentialRepairs.RemovedDuplicateBearer;
        }

        return new SanitizedCredential(s, string.Concat(scheme, " ", s), repairs, null);
    }

    /// <summary>
    /// Repairs a header value for a service ApiAuth does not know: only invisible characters, surrounding whitespace
    /// and quotes, around the whole value and around the part after a scheme word. The scheme itself is never changed.
    /// </summary>
    /// <param name="raw">The raw header value.</param>
    /// <returns>The repaired value; <see cref="SanitizedCredential.Key"/> is the part after the scheme word, if any.</returns>
    public static SanitizedCredential SanitizeOpaque(string raw)
    {
        var repairs = CredentialRepairs.None;
        string s = raw.AsSpan().ContainsAny(InvisibleChars) ? RemoveInvisible(raw) : raw;
        if (!ReferenceEquals(s, raw))
        {
            repairs |= CredentialRepairs.RemovedInvisibleCharacters;
        }

        s = TrimAndUnquote(s, ref repairs);
        int space = s.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && space <= 24 && IsSchemeWord(s.AsSpan(0, space)))
        {
            string word = s[..space];
            string key = TrimAndUnquote(s[(space + 1)..], ref repairs);
            return new SanitizedCredential(key, string.Concat(word, " ", key), repairs, null);
        }

        return new SanitizedCredential(s, s, repairs, null);
    }

    /// <summary>Trims and unquotes a plain header value (organization, project).</summary>
    /// <param name="raw">The raw value.</param>
    /// <returns>The clean value, or the same instance when nothing changed.</returns>
    public static string CleanPlain(string raw)
    {
        var ignored = CredentialRepairs.None;
        string s = raw.AsSpan().ContainsAny(InvisibleChars) ? RemoveInvisible(raw) : raw;
        return TrimAndUnquote(s, ref ignored);
    }

    private static bool TryStripScheme(string s, string scheme, out string rest, out bool exact)
    {
        rest = s;
        exact = false;
        if (s.Length <= scheme.Length || !s.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        char next = s[scheme.Length];
        if (next == ':' || char.IsWhiteSpace(next))
        {
            exact = s.StartsWith(scheme, StringComparison.Ordinal)
                && next == ' '
                && s.Length > scheme.Length + 1
                && !char.IsWhiteSpace(s[scheme.Length + 1]);
            rest = s[(scheme.Length + 1)..];
            return true;
        }

        return false;
    }

    private static bool IsSchemeWord(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (!char.IsAsciiLetter(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string TrimAndUnquote(string s, ref CredentialRepairs repairs)
    {
        while (true)
        {
            string trimmed = s.Trim();
            if (trimmed.Length != s.Length)
            {
                repairs |= CredentialRepairs.TrimmedWhitespace;
                if (HasLineBreakOutside(s, trimmed))
                {
                    repairs |= CredentialRepairs.RemovedLineBreak;
                }

                s = trimmed;
            }

            if (s.Length >= 2 && IsQuotePair(s[0], s[^1]))
            {
                s = s[1..^1];
                repairs |= CredentialRepairs.RemovedQuotes;
                continue;
            }

            return s;
        }
    }

    private static bool HasLineBreakOutside(string original, string trimmed)
    {
        int start = original.IndexOf(trimmed, StringComparison.Ordinal);
        ReadOnlySpan<char> head = original.AsSpan(0, Math.Max(0, start));
        ReadOnlySpan<char> tail = original.AsSpan(Math.Max(0, start) + trimmed.Length);
        return head.ContainsAny('\r', '\n') || tail.ContainsAny('\r', '\n');
    }

    private static bool IsQuotePair(char open, char close) => (open, close) switch
    {
        ('"', '"') or ('\'', '\'') or ('`', '`') => true,
        ('\u201C', '\u201D') or ('\u2018', '\u2019') or ('\u00AB', '\u00BB') or ('\u201D', '\u201D') => true,
        _ => false,
    };

    private static string RemoveInvisible(string s)
    {
        return string.Create(s.Length - CountInvisible(s), s, static (span, source) =>
        {
            int j = 0;
            foreach (char c in source)
            {
                if (!InvisibleChars.Contains(c))
                {
                    span[j++] = c;
                }
            }
        });
    }

    private static int CountInvisible(string s)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (InvisibleChars.Contains(c))
            {
                n++;
            }
        }

        return n;
    }
}
