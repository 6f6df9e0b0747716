using ApiAuth.Internal;
using ApiAuth.Providers;

namespace ApiAuth.Analyzers;

/// <summary>
/// Decides whether a constant string is a key: it matches a published format in full (prefix, length range, alphabet),
/// looks random (a digit and a letter where the alphabet has both), and is no placeholder.
/// </summary>
internal static class KeyLiterals
{
    /// <summary>The formats, longest prefix first, so the most specific format is tried first.</summary>
    private static readonly KeyFormat[] Formats = KeyFormats.Published().OrderByDescending(static f => f.Prefix.Length).ToArray();

    /// <summary>Formats whose prefix is not unmistakable and that another vendor's prefix starts with (computed once from the data).</summary>
    private static readonly KeyFormat[] SharedFormats = Formats
        .Where(static f => !f.Unmistakable && Formats.Any(o => o.Vendor != f.Vendor && o.Prefix.StartsWith(f.Prefix, StringComparison.Ordinal)))
        .ToArray();

    private const string OpenAIMarker = "T3Blbk" + "FJ";

    /// <summary>Gets the shortest key any format describes: a shorter constant is never inspected further.</summary>
    public static int MinLength { get; } = Formats.Min(static f => f.MinLength);

    /// <summary>Finds the format a whole value matches, or <see langword="null"/>.</summary>
    /// <param name="value">The constant value.</param>
    /// <returns>The format, or <see langword="null"/> when the value is no key.</returns>
    public static KeyFormat? Match(string? value)
    {
        if (value is null || value.Length < MinLength || value.Length > KeyFormats.Unbounded || PlaceholderWords.Contains(value))
        {
            return null;
        }

        foreach (KeyFormat format in Formats)
        {
            if (value.Length >= format.MinLength
                && value.Length <= format.MaxLength
                && value.StartsWith(format.Prefix, StringComparison.Ordinal)
                && BodyMatches(value, format))
            {
                // The first format whose shape fits decides: a longer prefix is more specific, and a placeholder or a name
                // under it is not rescued by a shorter, vaguer prefix ("sk-proj-<example>" is no generic sk- key either).
                // Under a shared prefix, a vendor's longer prefix the value starts with (the "proj-" of a cut sk-proj- key)
                // is prefix, not body: the body is judged after it, as that vendor's.
                KeyFormat judge = !format.Unmistakable && PrefixOwner(value) is { } owner ? owner : format;
                return !IsPlaceholder(value, judge.Prefix.Length) && LooksRandom(value, judge) ? format : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Gets a value indicating whether the prefix of the format is shared by several vendors (the generic <c>sk-</c>, which
    /// <c>sk-ant-</c> and <c>sk-or-</c> also start with): the prefix alone does not say whose key it is.
    /// </summary>
    /// <param name="format">The format.</param>
    /// <returns><see langword="true"/> for a shared prefix.</returns>
    public static bool IsShared(KeyFormat format) => Array.IndexOf(SharedFormats, format) >= 0;

    /// <summary>
    /// Gets the unmistakable format whose prefix a value starts with although it matched only a shared format (a key too
    /// short or long for its vendor's format, such as half of an <c>sk-ant-</c> key), or <see langword="null"/>.
    /// </summary>
    /// <param name="value">The key.</param>
    /// <returns>The format whose prefix names the vendor.</returns>
    public static KeyFormat? PrefixOwner(string value)
    {
        foreach (KeyFormat format in Formats)
        {
            if (format.Unmistakable && value.StartsWith(format.Prefix, StringComparison.Ordinal))
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>
    /// Gets a value indicating whether a value of a shared format is OpenAI's all the same: OpenAI keys embed
    /// <c>T3BlbkFJ</c> (base64 of "OpenAI"), as the format data notes.
    /// </summary>
    /// <param name="value">The key.</param>
    /// <returns><see langword="true"/> when the value carries OpenAI's marker.</returns>
    public static bool HasOpenAIMarker(string value) => value.IndexOf(OpenAIMarker, StringComparison.Ordinal) >= 0;

    /// <summary>Gets the environment variable users keep the vendor's keys in, or <see langword="null"/> for a vendor without a profile.</summary>
    /// <param name="vendor">The format's vendor id.</param>
    /// <returns>The variable name.</returns>
    public static string? EnvironmentVariableFor(string vendor)
    {
        foreach (ProviderEndpoint endpoint in Endpoints.All)
        {
            if (endpoint.Id == vendor && endpoint.KeyEnvironmentVariables.Length > 0)
            {
                return endpoint.KeyEnvironmentVariables[0];
            }
        }

        return null;
    }

    /// <summary>Gets the vendor's name with its indefinite article, capitalised ("An OpenAI", "A Groq"), by the library's own rule.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The phrase.</returns>
    public static string WithArticle(KeyFormat format) => WithArticle(format.VendorName);

    /// <summary>Gets a vendor's name with its indefinite article, capitalised.</summary>
    /// <param name="vendorName">The vendor's name.</param>
    /// <returns>The phrase.</returns>
    public static string WithArticle(string vendorName)
    {
        string phrase = Article.With(vendorName);
        return char.ToUpperInvariant(phrase[0]) + phrase.Substring(1);
    }

    /// <summary>
    /// Template values: text in the body (after the prefix) that says it is a template or a test fake, in any case
    /// (your, xxxx, ..., example, sample, test, fake, dummy, mock, placeholder, documentation …), or a run of ten or more
    /// ascending characters (<c>1234567890abcdef</c>). A body of one repeated character, or of x, X and 0 only, is refused by
    /// the format check. The prefix is not searched: <c>sk_test_</c> is a real (Stripe test-mode) secret key.
    /// </summary>
    /// <param name="value">The whole value.</param>
    /// <param name="bodyStart">Where the body starts (the prefix's length).</param>
    /// <returns><see langword="true"/> for a placeholder.</returns>
    public static bool IsPlaceholder(string value, int bodyStart)
    {
        foreach (string marker in TemplateMarkers)
        {
            for (int at = value.IndexOf(marker, bodyStart, StringComparison.OrdinalIgnoreCase); at >= 0; at = value.IndexOf(marker, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (marker.Length >= 5 || IsWrittenAsAWord(value, at, marker.Length))
                {
                    return true;
                }
            }
        }

        int run = 1;
        for (int i = bodyStart + 1; i < value.Length; i++)
        {
            run = Follows(value[i - 1], value[i]) ? run + 1 : 1;
            if (run >= AscendingRun)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the letters at <paramref name="at"/> are all lower-case, all upper-case, or capitalised.</summary>
    private static bool IsWrittenAsAWord(string value, int at, int length)
    {
        bool restLower = true, restUpper = true;
        for (int i = at + 1; i < at + length; i++)
        {
            restLower &= !char.IsUpper(value[i]);
            restUpper &= !char.IsLower(value[i]);
        }

        return restLower || (restUpper && !char.IsLower(value[at]));
    }

    /// <summary>A run this long of characters each following the one before ("1234567890", "abcdefghij") is typed, not random.</summary>
    private const int AscendingRun = 10;

    /// <summary>
    /// Case-insensitive. A marker of five or more characters matches in any case; a four-character one (test, mock, your …)
    /// only as a word is written (test, Test, TEST), since a random 150-character body spells one of them in some mix of
    /// cases about once in a thousand keys, and in a written case about five times less often.
    /// </summary>
    private static readonly string[] TemplateMarkers =
    [
        "your", "xxxx", "...", "****", "api_key", "example", "sample", "test", "fake", "dummy", "mock", "placeholder",
        "documentation", "replace", "insert", "redacted",
    ];

    /// <summary>Whether <paramref name="next"/> follows <paramref name="previous"/> in 0–9 then a–z (any case), 9 wrapping to 0 as typed.</summary>
    private static bool Follows(char previous, char next)
    {
        char p = char.ToLowerInvariant(previous), n = char.ToLowerInvariant(next);
        return (n == p + 1 && (char.IsLetterOrDigit(p) && char.IsLetterOrDigit(n)) && !(p == '9'))
            || (p == '9' && n is '0' or 'a')
            || (p == '0' && n == 'a');
    }

    /// <summary>
    /// A key's body is random; a typed pattern repeats a few characters and a name is made of words. Two rules for words, each failed by about one random body in a few hundred
    /// or fewer (measured over 400 000 random bodies per format) and passed by every name seen in the wild:
    /// <list type="bullet">
    /// <item>Camel-case words: where the alphabet has both cases, a body of which three quarters or more is covered by
    /// words (an upper-case letter then three or more lower-case ones) and whose letters are at most one fifth upper-case is
    /// a name (<c>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</c>, <c>fw_FirmwareUpdateV2Available</c>); a random body is half
    /// upper-case.</item>
    /// <item>Dashed words: for a prefix that is not unmistakable (<c>sk-</c>, <c>AQ.</c>), a segment between <c>-</c>,
    /// <c>_</c> or <c>.</c> (or the body's ends) of four or more lower-case letters with a vowel is a word
    /// (<c>sk-learn-inference-worker-7d9f8b6c5d-x4k2p</c>, <c>sk-cache-3f2504e0-…</c>,
    /// <c>AQ.Ab8RN6Lq-cache-entry-…</c>).</item>
    /// </list>
    /// </summary>
    private static bool LooksRandom(string value, KeyFormat format)
    {
        int start = format.Prefix.Length;

        // A typed pattern repeats a few characters ("abc123abc123…"): a random body of 16 or more characters from any
        // published alphabet (16 characters or more) uses at least eight different ones.
        if (DistinctAtMost(value, start, MinDistinct - 1))
        {
            return false;
        }
        if (HasBothCases(format.Alphabet))
        {
            int letters = 0, upper = 0, covered = 0;
            for (int i = start; i < value.Length; i++)
            {
                letters += char.IsLetter(value[i]) ? 1 : 0;
                upper += char.IsUpper(value[i]) ? 1 : 0;
            }

            for (int i = start; i < value.Length; i++)
            {
                if (char.IsUpper(value[i]))
                {
                    int j = i + 1;
                    while (j < value.Length && char.IsLower(value[j]))
                    {
                        j++;
                    }

                    if (j - i >= 4)
                    {
                        covered += j - i;
                        i = j - 1;
                    }
                }
            }

            int body = value.Length - start;
            if (covered * 4 >= body * 3 && upper * 5 <= letters)
            {
                return false;
            }
        }

        if (!format.Unmistakable)
        {
            int segmentStart = start;
            for (int i = start; i <= value.Length; i++)
            {
                if (i == value.Length || value[i] is '-' or '_' or '.')
                {
                    if (IsLowerWord(value, segmentStart, i))
                    {
                        return false;
                    }

                    segmentStart = i + 1;
                }
            }
        }

        return true;
    }

    /// <summary>Fewer different characters than this in a body is a typed pattern, not a random one.</summary>
    private const int MinDistinct = 8;

    private static bool DistinctAtMost(string value, int start, int most)
    {
        var seen = new HashSet<char>();
        for (int i = start; i < value.Length; i++)
        {
            if (seen.Add(value[i]) && seen.Count > most)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasBothCases(string alphabet) => alphabet.Any(char.IsUpper) && alphabet.Any(char.IsLower);

    private static bool IsLowerWord(string value, int start, int end)
    {
        if (end - start < 4)
        {
            return false;
        }

        bool vowel = false;
        for (int i = start; i < end; i++)
        {
            char c = value[i];
            if (c is < 'a' or > 'z')
            {
                return false;
            }

            vowel |= c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
        }

        return vowel;
    }

    private static bool BodyMatches(string value, KeyFormat format)
    {
        bool letter = false, varied = false, filler = true;
        int digits = 0;
        char first = value[format.Prefix.Length];
        for (int i = format.Prefix.Length; i < value.Length; i++)
        {
            char c = value[i];
            if (format.Alphabet.IndexOf(c) < 0)
            {
                return false;
            }

            letter |= char.IsLetter(c);
            digits += char.IsDigit(c) ? 1 : 0;
            varied |= c != first;
            filler &= c is 'x' or 'X' or '0' or '*';
        }

        // A real key's body is random: over 16 or more characters it mixes letters and digits (where the alphabet has both).
        // A prefix that other things start with too (sk-, AQ.) needs more: three digits, which a random body of 32 or more
        // characters almost always has and a dashed name ("sk-button-primary-large-2x-variant") does not.
        bool alphabetHasLetters = format.Alphabet.Any(char.IsLetter);
        int digitsNeeded = !format.Alphabet.Any(char.IsDigit) ? 0 : format.Unmistakable ? 1 : 3;
        return varied && !filler && (letter || !alphabetHasLetters) && digits >= digitsNeeded;
    }
}
