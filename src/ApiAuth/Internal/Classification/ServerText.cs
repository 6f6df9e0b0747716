namespace ApiAuth.Internal;

/// <summary>
/// The two small rules every reader of server-supplied text shares: how a text is cut to a bound, and what counts as a
/// number (an HTTP status echoed as a code). One copy, called by the body parser, the error facts, the request-id reader
/// and the redactor.
/// </summary>
internal static class ServerText
{
    /// <summary>Cuts a text to at most <paramref name="maxLength"/> characters, never between the two halves of a surrogate pair.</summary>
    /// <param name="value">The text; <see langword="null"/> reads as empty.</param>
    /// <param name="maxLength">The most characters kept, the marker included; at least 2.</param>
    /// <param name="marker">Appended when the text was cut (<c>…</c>), or <see langword="null"/> to cut silently.</param>
    /// <returns>The text itself when it fits; otherwise its longest prefix that fits with the marker.</returns>
    public static string Clip(string? value, int maxLength, string? marker = null)
    {
        value ??= string.Empty;
        if (value.Length <= maxLength)
        {
            return value;
        }

        int keep = maxLength - (marker?.Length ?? 0);
        if (keep > 0 && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        return marker is null ? value[..keep] : string.Concat(value.AsSpan(0, keep), marker);
    }

    /// <summary>Gets a value indicating whether a text is a non-empty run of ASCII digits (<c>401</c>, not <c>-1</c> or <c>4e2</c>).</summary>
    /// <param name="value">The text.</param>
    /// <returns><see langword="true"/> for a number.</returns>
    public static bool IsNumber(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !value.IsEmpty;
    }
}
