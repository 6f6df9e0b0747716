namespace ApiAuth.Providers;

/// <summary>
/// The catalogue of key formats ApiAuth recognises, longest prefix first. Each entry names its source; the data is in
/// <c>KeyFormats.Data.cs</c> (netstandard2.0-compatible), the lookup here.
/// Formats only ever serve as positive evidence (this is X's key); a key that matches none is sent.
/// </summary>
internal static partial class KeyFormats
{
    /// <summary>Gets every known format, longest prefix first so the most specific one wins.</summary>
    public static KeyFormat[] All { get; } = Sort(Published());

    /// <summary>Finds the most specific format whose prefix the key starts with.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The format, or <see langword="null"/>.</returns>
    public static KeyFormat? Match(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || key[0] >= 128)
        {
            return null;
        }

        foreach (KeyFormat format in ByFirstChar[key[0]])
        {
            if (key.StartsWith(format.Prefix, StringComparison.Ordinal))
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>Formats bucketed by the first character of their prefix, so a lookup tries a handful, not all.</summary>
    private static KeyFormat[][] ByFirstChar { get; } = Bucket(All);

    private static KeyFormat[][] Bucket(KeyFormat[] formats)
    {
        var buckets = new KeyFormat[128][];
        for (int c = 0; c < buckets.Length; c++)
        {
            buckets[c] = Array.FindAll(formats, f => f.Prefix[0] == c);
        }

        return buckets;
    }

    private static KeyFormat[] Sort(KeyFormat[] formats)
    {
        Array.Sort(formats, static (a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        return formats;
    }
}
