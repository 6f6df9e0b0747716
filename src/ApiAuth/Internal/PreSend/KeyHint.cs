using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Builds the only form of a credential ApiAuth ever shows: its public prefix and last four characters.
/// </summary>
internal static class KeyHint
{
    /// <summary>Keys shorter than this show no characters at all, only their length (a short key is never echoed).</summary>
    public const int MinLengthForSuffix = 16;

    /// <summary>A key whose hidden middle (between its public prefix and last four) would be shorter than this shows no last four.</summary>
    public const int MinHiddenLength = 12;

    private const int SuffixLength = 4;

    /// <summary>Creates the hint for a key.</summary>
    /// <param name="key">The key (without scheme).</param>
    /// <returns>The hint, e.g. <c>sk-proj-…Wx9z</c>.</returns>
    public static string For(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty)
        {
            return "(empty)";
        }

        if (key.Length < MinLengthForSuffix)
        {
            return $"({key.Length} characters)";
        }

        string prefix = PublicPrefix(key);
        if (key.Length - prefix.Length - SuffixLength < MinHiddenLength)
        {
            // Too short to keep a meaningful secret after showing the last four: show none of it.
            return prefix.Length == 0 ? $"({key.Length} characters)" : $"{prefix}… ({key.Length} characters)";
        }

        return string.Concat(prefix, "…", key[^SuffixLength..]);
    }

    /// <summary>Gets the part of the key its hint never shows: after the public prefix, before the last four characters.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The secret part's start and end (exclusive); the whole key when the hint shows none of it.</returns>
    public static (int Start, int End) SecretRange(ReadOnlySpan<char> key)
    {
        if (key.Length < MinLengthForSuffix)
        {
            return (0, key.Length);
        }

        int prefix = PublicPrefix(key).Length;
        return key.Length - prefix - SuffixLength < MinHiddenLength ? (prefix, key.Length) : (prefix, key.Length - SuffixLength);
    }

    /// <summary>Gets the key's public prefix: the known format prefix, or nothing.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The prefix, possibly empty.</returns>
    public static string PublicPrefix(ReadOnlySpan<char> key)
    {
        KeyFormat? format = KeyFormats.Match(key);
        if (format is null)
        {
            return key.StartsWith("eyJ", StringComparison.Ordinal) ? "eyJ" : string.Empty;
        }

        // sk-ant-api03- and sk-ant-admin01- carry a published version segment after the vendor prefix; it is public too.
        ReadOnlySpan<char> rest = key[format.Prefix.Length..];
        int dash = rest.IndexOf('-');
        if (dash > 0 && IsVersionSegment(rest[..dash]) && format.Prefix.Length + dash + 1 + SuffixLength + 8 <= key.Length)
        {
            return string.Concat(format.Prefix, rest[..(dash + 1)]);
        }

        return format.Prefix;
    }

    private static bool IsVersionSegment(ReadOnlySpan<char> segment)
    {
        ReadOnlySpan<char> word = segment.TrimEnd("0123456789");
        if (word.Length == segment.Length || segment.Length - word.Length > 2)
        {
            return false;
        }

        return word is "api" or "admin" or "oat" or "v";
    }
}
