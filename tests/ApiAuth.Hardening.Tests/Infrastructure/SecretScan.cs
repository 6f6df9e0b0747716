using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// Decides whether text shows more of a key than its hint does: any window of <see cref="Window"/> characters of the key
/// (the hint is the public prefix, an ellipsis and the last four, so it never contains one), looked for in the text as is,
/// URL-decoded and JSON-unescaped.
/// </summary>
internal static partial class SecretScan
{
    /// <summary>Windows of this many key characters are a leak. The hint shows at most the last four after an ellipsis.</summary>
    public const int Window = 8;

    /// <summary>Finds the first leak of <paramref name="key"/> in <paramref name="outputs"/>, or <see langword="null"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="outputs">Where to look.</param>
    /// <param name="wholeOnly">Look only for the whole key (for the offline API, which is never told the key and so can only recognise its shape).</param>
    /// <param name="ignored">Texts to cut out before looking (see <see cref="KnownBugs"/>).</param>
    /// <param name="strict">Ignore <see cref="KnownBugs"/>: look everywhere, in every decoding (the regression tests).</param>
    public static string? FindLeak(string key, IEnumerable<(string Where, string? Text)> outputs, bool wholeOnly = false, string?[]? ignored = null, bool strict = false)
    {
        string publicPrefix = PublicPrefix(key);
        foreach ((string where, string? text) in outputs)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            string kept = text;
            foreach (string? cut in (ignored ?? []).OrderByDescending(s => s?.Length ?? 0))
            {
                if (!string.IsNullOrEmpty(cut))
                {
                    kept = kept.Replace(cut, "<ignored>", StringComparison.Ordinal);
                }
            }

            kept = strict ? kept : KnownBugs.WithoutMaskedEchoes(kept);
            foreach (string variant in Variants(kept, strict))
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

    private static IEnumerable<string> Variants(string text, bool strict)
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

        if ((strict || !KnownBugs.JsonEscapesInTextNotDecoded) && text.Contains('\\', StringComparison.Ordinal))
        {
            yield return JsonEscape().Replace(text, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString()).Replace("\\/", "/", StringComparison.Ordinal);
        }
    }

    private static string Excerpt(string text, string window)
    {
        int at = text.IndexOf(window, StringComparison.Ordinal);
        int start = Math.Max(0, at - 40);
        int end = Math.Min(text.Length, at + window.Length + 40);
        return "…" + text[start..end].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "…";
    }

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();

    /// <summary>Ways a hostile or careless server echoes a key.</summary>
    public static string Echo(string key, int how, Random random) => (how % 9) switch
    {
        0 => key,
        1 => key[..Math.Min(key.Length, 8)] + new string('*', Math.Max(0, key.Length - 12)) + key[^4..],
        2 => PercentEncodeAll(key),
        3 => JsonEscapeAll(key),
        4 => Partial(key, random),
        5 => key + "\u200B",
        6 => key.Insert(key.Length / 2, "\\/"),
        7 => "Bearer " + key,
        _ => Uri.EscapeDataString("\"" + key + "\""),
    };

    private static string Partial(string key, Random random)
    {
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
