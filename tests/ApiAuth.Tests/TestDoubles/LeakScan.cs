using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiAuth.Tests.TestDoubles;

/// <summary>
/// The tests' own judge of a leak, written independently of the library's redactor: text shows a key when, as is or read
/// the way a person or a browser would (entities, percent- and backslash-escapes decoded repeatedly, compatibility forms
/// folded, invisible characters, tags and white space dropped), it holds the whole key or any <see cref="Window"/>
/// characters of the part its hint never shows — or, punctuation and case aside, any <see cref="Window"/> of that part's
/// letters and digits.
/// </summary>
public static partial class LeakScan
{
    /// <summary>Runs of this many characters of the secret part are a leak.</summary>
    public const int Window = 8;

    /// <summary>Finds the first leak, or <see langword="null"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="publicPrefix">The prefix the hint may show (empty for keys without a published prefix).</param>
    /// <param name="outputs">Where to look.</param>
    public static string? FindLeak(string key, string publicPrefix, IEnumerable<(string Where, string? Text)> outputs)
    {
        // Keys shorter than 16 characters show nothing; longer ones the public prefix and the last four.
        (int start, int end) = key.Length < 16 ? (0, key.Length) : (publicPrefix.Length, key.Length - 4);
        string secretLetters = Letters(key[start..end]);
        foreach ((string where, string? text) in outputs)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            // The secret's letters and digits, in any case, however the output groups them.
            string letters = Letters(Decoded(text));
            if (secretLetters.Length is >= 4 and < Window && letters.Contains(secretLetters, StringComparison.Ordinal))
            {
                return $"{where} holds the short key (case and punctuation aside): {text}";
            }

            for (int i = 0; i + Window <= secretLetters.Length; i++)
            {
                if (letters.Contains(secretLetters.AsSpan(i, Window), StringComparison.Ordinal))
                {
                    return $"{where} holds the key's letters and digits {secretLetters.Substring(i, Window)} (case and punctuation aside): {text}";
                }
            }

            foreach (string variant in new[] { text, Decoded(text) })
            {
                if (variant.Contains(key, StringComparison.Ordinal))
                {
                    return $"{where} holds the whole key: {text}";
                }

                for (int i = start; i + Window <= end; i++)
                {
                    if (variant.Contains(key.AsSpan(i, Window), StringComparison.Ordinal))
                    {
                        return $"{where} holds key characters {i}..{i + Window}: {text}";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Reads text the way a person or a browser would, then drops everything that does not show.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>What it says, without white space.</returns>
    public static string Decoded(string text)
    {
        string s = text;
        for (int round = 0; round < 6; round++)
        {
            string before = s;
            s = NumericEntity().Replace(s, m => CodePoint(m.Groups[1].Success
                ? int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture), m.Value));
            s = WebUtility.HtmlDecode(s);
            s = PercentEscape().Replace(s, m => Uri.UnescapeDataString(m.Value));
            s = s.Replace("\\\\", "\\", StringComparison.Ordinal);
            s = BackslashEscape().Replace(s, m => ((char)int.Parse((m.Groups[1].Success ? m.Groups[1] : m.Groups[2]).ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
            s = s.Replace("\\/", "/", StringComparison.Ordinal);
            try
            {
                s = s.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                // Lone surrogates: read as they are.
            }

            s = string.Concat(s.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.Control) && c is not ('\u3164' or '\uFFA0' or '\u115F' or '\u1160' or '\u2800')));
            if (s == before)
            {
                break;
            }
        }

        s = Tag().Replace(s, string.Empty);
        return string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
    }

    private static string CodePoint(int value, string otherwise) =>
        value is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(value) : otherwise;

    private static string Letters(string text) => string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    [GeneratedRegex("&#[xX]([0-9a-fA-F]{1,6});?|&#([0-9]{1,7});?")]
    private static partial Regex NumericEntity();

    [GeneratedRegex("(%[0-9a-fA-F]{2})+")]
    private static partial Regex PercentEscape();

    [GeneratedRegex(@"\\[uU]([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")]
    private static partial Regex BackslashEscape();

    [GeneratedRegex("<[a-zA-Z/!?][^<>]{0,255}>")]
    private static partial Regex Tag();
}
