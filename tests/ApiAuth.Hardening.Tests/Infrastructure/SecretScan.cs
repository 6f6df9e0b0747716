using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// Decides whether text shows more of a key than its hint does: any window of <see cref="Window"/> characters of the key
/// (the hint is the public prefix, an ellipsis and the last four, so it never contains one), looked for in the text as is,
/// URL-decoded, JSON-unescaped, and as a person or a browser reads it (<see cref="Read"/>); and, case and grouping aside,
/// any <see cref="Window"/> of the letters and digits of its secret part.
/// </summary>
internal static partial class SecretScan
{
    /// <summary>Windows of this many key characters are a leak. The hint shows at most the last four after an ellipsis.</summary>
    public const int Window = 8;

    /// <summary>Finds the first leak of <paramref name="key"/> in <paramref name="outputs"/>, or <see langword="null"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="outputs">Where to look.</param>
    /// <param name="wholeOnly">Look only for the whole key (for the offline API, which is never told the key and so can only recognise its shape).</param>
    /// <remarks>Every scan looks everywhere, in every decoding: there is no switch that cuts a field or a decoding out.</remarks>
    public static string? FindLeak(string key, IEnumerable<(string Where, string? Text)> outputs, bool wholeOnly = false)
    {
        string publicPrefix = PublicPrefix(key);
        foreach ((string where, string? text) in outputs)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            string kept = text;
            if (!wholeOnly && ProjectedLeak(key, publicPrefix, kept) is { } projected)
            {
                return $"{where} contains the key's letters and digits {projected} (case and grouping aside): …{kept[..Math.Min(kept.Length, 200)]}…";
            }

            foreach (string variant in Variants(kept, joinSpaces: !wholeOnly))
            {
                if (wholeOnly ? ContainsAsToken(variant, key) : variant.Contains(key, StringComparison.Ordinal))
                {
                    return $"{where} contains the whole key";
                }

                for (int i = publicPrefix.Length; !wholeOnly && i + Window <= key.Length; i++)
                {
                    if (variant.Contains(key.AsSpan(i, Window), StringComparison.Ordinal))
                    {
                        return $"{where} contains key characters {i}..{i + Window} (more than the hint): {Excerpt(variant, key.Substring(i, Window))}";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Any <see cref="Window"/> of the letters and digits of the key's secret part (after the public prefix, before the last
    /// four; all of a key shorter than 16), lower-cased, in the text read as a person would and reduced the same way —
    /// an echo regrouped with dashes or recased. A short key counts whole.
    /// </summary>
    private static string? ProjectedLeak(string key, string publicPrefix, string text)
    {
        (int start, int end) = key.Length < 16 ? (0, key.Length) : (publicPrefix.Length, key.Length - 4);
        string secret = LettersAndDigits(key[start..end]);
        string letters = LettersAndDigits(Read(text));
        if (secret.Length is >= 4 and < Window)
        {
            return letters.Contains(secret, StringComparison.Ordinal) ? secret : null;
        }

        for (int i = 0; i + Window <= secret.Length; i++)
        {
            if (letters.Contains(secret.AsSpan(i, Window), StringComparison.Ordinal))
            {
                return secret.Substring(i, Window);
            }
        }

        return null;
    }

    private static string LettersAndDigits(string text) => string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>The key, standing as a token of its own (not glued to other key characters, which no shape-based redaction can find).</summary>
    private static bool ContainsAsToken(string text, string key)
    {
        for (int at = text.IndexOf(key, StringComparison.Ordinal); at >= 0; at = text.IndexOf(key, at + 1, StringComparison.Ordinal))
        {
            bool before = at == 0 || !IsKeyChar(text[at - 1]);
            bool after = at + key.Length == text.Length || !IsKeyChar(text[at + key.Length]);
            if (before && after)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~' or '+' or '/' or '=' or '.';

    /// <summary>The prefix every key of a vendor shares; showing it reveals nothing (matches the library's public prefixes, conservatively short).</summary>
    public static string PublicPrefix(string key)
    {
        string[] prefixes = ["sk-ant-api03-", "sk-proj-", "sk-svcacct-", "sk-or-v1-", "sk-", "AIza", "gsk_", "xai-", "pplx-", "hf_", "fw_", "eyJ"];
        foreach (string prefix in prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                // A JWT's header segment is public (it says only the algorithm); its payload and signature are not.
                // and the first characters of the payload only spell its first claim's name ({"sub":" → eyJzdWIiOiJ).
                return prefix == "eyJ" ? key[..(key.IndexOf('.', StringComparison.Ordinal) + 12)] : prefix;
            }
        }

        return string.Empty;
    }

    private static IEnumerable<string> Variants(string text, bool joinSpaces)
    {
        yield return text;
        if (text.Contains('%', StringComparison.Ordinal))
        {
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(text.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                decoded = text;
            }

            yield return decoded;
        }

        if (text.Contains('\\', StringComparison.Ordinal))
        {
            yield return JsonEscape().Replace(text, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString()).Replace("\\/", "/", StringComparison.Ordinal);
        }

        // Issue 11: what a person or a browser reads — every layer of escapes decoded, compatibility forms folded,
        // invisible characters, tags and white space gone.
        string read = Read(text, joinSpaces);
        if (!string.Equals(read, text, StringComparison.Ordinal))
        {
            yield return read;
        }
    }

    /// <summary>
    /// Reads text as a person or a browser would (entities, percent- and backslash-escapes, repeatedly; NFKC), then drops what
    /// does not show — white space too, unless <paramref name="joinSpaces"/> is off: for the offline API, which is not told the
    /// key, a key split by spaces is no longer a key's shape.
    /// </summary>
    public static string Read(string text, bool joinSpaces = true)
    {
        string s = text;
        for (int round = 0; round < 6; round++)
        {
            string before = s;
            s = NumericEntity().Replace(s, m => FromCodePoint(m.Groups[1].Success
                ? int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture), m.Value));
            s = System.Net.WebUtility.HtmlDecode(s);
            s = PercentRun().Replace(s, m => Uri.UnescapeDataString(m.Value));
            s = s.Replace("\\\\", "\\", StringComparison.Ordinal);
            s = JsonEscape().Replace(s, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString()).Replace("\\/", "/", StringComparison.Ordinal);
            try
            {
                s = s.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                // A lone surrogate: read as it is.
            }

            // Invisible characters and white space go (a line-wrapped escape decodes); other controls stay, as separators.
            s = string.Concat(s.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark) && !(joinSpaces && char.IsWhiteSpace(c)) && c is not ('\u3164' or '\uFFA0' or '\u115F' or '\u1160' or '\u2800')));
            if (string.Equals(s, before, StringComparison.Ordinal))
            {
                break;
            }
        }

        s = HtmlTag().Replace(s, string.Empty);
        return joinSpaces ? string.Concat(s.Where(c => !char.IsWhiteSpace(c))) : s;
    }

    private static string FromCodePoint(int value, string otherwise) =>
        value is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(value) : otherwise;

    private static string Excerpt(string text, string window)
    {
        int at = text.IndexOf(window, StringComparison.Ordinal);
        int start = Math.Max(0, at - 40);
        int end = Math.Min(text.Length, at + window.Length + 40);
        return "…" + text[start..end].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "…";
    }

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();

    [GeneratedRegex("&#[xX]([0-9a-fA-F]{1,6});?|&#([0-9]{1,7});?")]
    private static partial Regex NumericEntity();

    [GeneratedRegex("(%[0-9a-fA-F]{2})+")]
    private static partial Regex PercentRun();

    [GeneratedRegex("<[a-zA-Z/!?][^<>]{0,255}>")]
    private static partial Regex HtmlTag();

    /// <summary>How many echo forms <see cref="Echo"/> knows: 0–8 from issue 7, 9–22 the forms of issue 11, section 4.</summary>
    public const int EchoForms = 23;

    /// <summary>Ways a hostile or careless server echoes a key.</summary>
    public static string Echo(string key, int how, Random random) => (how % EchoForms) switch
    {
        0 => key,
        1 => key[..Math.Min(key.Length, 8)] + new string('*', Math.Max(0, key.Length - 12)) + key[^4..],
        2 => PercentEncodeAll(key),
        3 => JsonEscapeAll(key),
        4 => Partial(key, random),
        5 => key + "\u200B",
        6 => key.Insert(key.Length / 2, "\\/"),
        7 => "Bearer " + key,
        8 => Uri.EscapeDataString("\"" + key + "\""),
        9 => Interleave(key, 3, _ => "\u200B"),
        10 => Interleave(key, 4, _ => "\u00AD"),
        11 => Interleave(key, 2, i => (i % 3) switch { 0 => "\u200D", 1 => "\uFEFF", _ => "\u2060" }),
        12 => Fullwidth(key),
        13 => string.Concat(key.Select(c => "&#" + ((int)c).ToString(CultureInfo.InvariantCulture) + ";")),
        14 => string.Concat(key.Select(c => "&#x" + ((int)c).ToString("x", CultureInfo.InvariantCulture) + ";")),
        15 => string.Concat(key.Select(c => "&amp;#" + ((int)c).ToString(CultureInfo.InvariantCulture) + ";")),
        16 => PercentEncodeAll(key).Replace("%", "%25", StringComparison.Ordinal),
        17 => Interleave(key, 5, i => i % 2 == 0 ? "<b>" : "</b>"),
        18 => Interleave(key, 4, _ => " "),
        19 => Interleave(Fullwidth(key), 3, i => i % 2 == 0 ? "\u200C" : "&#173;"),
        20 => Interleave(key, 4, _ => "-"),
        21 => key.ToUpperInvariant(),
        _ => Interleave(key, 3, i => i % 2 == 0 ? "\u3164" : "\uFFA0"),
    };

    private static string Interleave(string key, int every, Func<int, string> separator)
    {
        var sb = new StringBuilder(key.Length * 2);
        for (int i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % every == 0)
            {
                sb.Append(separator(i / every));
            }

            sb.Append(key[i]);
        }

        return sb.ToString();
    }

    private static string Fullwidth(string key) =>
        string.Concat(key.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c));

    private static string Partial(string key, Random random)
    {
        if (key.Length <= Window)
        {
            return key;
        }

        int length = random.Next(Window, key.Length + 1);
        int start = random.Next(0, key.Length - length + 1);
        return key.Substring(start, length);
    }

    public static string PercentEncodeAll(string key)
    {
        var sb = new StringBuilder(key.Length * 3);
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    public static string JsonEscapeAll(string key)
    {
        var sb = new StringBuilder(key.Length * 6);
        foreach (char c in key)
        {
            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
