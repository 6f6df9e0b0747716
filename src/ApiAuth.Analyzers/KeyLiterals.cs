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

    /// <summary>Gets the shortest key any format describes: a shorter constant is never inspected further.</summary>
    public static int MinLength { get; } = Formats.Min(static f => f.MinLength);

    /// <summary>Finds the format a whole value matches, or <see langword="null"/>.</summary>
    /// <param name="value">The constant value.</param>
    /// <returns>The format, or <see langword="null"/> when the value is no key.</returns>
    public static KeyFormat? Match(string? value)
    {
        if (value is null || value.Length < MinLength || value.Length > KeyFormats.Unbounded || IsPlaceholder(value))
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
                return format;
            }
        }

        return null;
    }

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
    public static string WithArticle(KeyFormat format)
    {
        string phrase = Article.With(format.VendorName);
        return char.ToUpperInvariant(phrase[0]) + phrase.Substring(1);
    }

    /// <summary>
    /// Template values: a placeholder word of the library's list, or text that says it is a template (your, xxxx,
    /// ..., API_KEY, example, placeholder, replace). A body of one repeated character, or of x, X and 0 only, is refused by the format check.
    /// </summary>
    /// <param name="value">The whole value.</param>
    /// <returns><see langword="true"/> for a placeholder.</returns>
    public static bool IsPlaceholder(string value)
    {
        if (PlaceholderWords.Contains(value))
        {
            return true;
        }

        foreach (string marker in TemplateMarkers)
        {
            if (value.IndexOf(marker, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Case-sensitive, like the library's own template signals: a random body rarely spells a whole word in one case.</summary>
    private static readonly string[] TemplateMarkers =
    [
        "your", "Your", "YOUR", "xxxx", "XXXX", "...", "****", "API_KEY", "api_key",
        "example", "EXAMPLE", "placeholder", "PLACEHOLDER", "replace", "REPLACE", "insert", "INSERT", "redacted", "REDACTED",
    ];

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
