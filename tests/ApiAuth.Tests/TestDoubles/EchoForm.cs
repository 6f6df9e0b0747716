using System.Globalization;
using System.Text;

namespace ApiAuth.Tests.TestDoubles;

/// <summary>A way servers and pages really write a key back (issue 11, section 4).</summary>
/// <param name="Name">The form's name, shown in test names.</param>
/// <param name="Apply">Writes a key in this form.</param>
public sealed record EchoForm(string Name, Func<string, string> Apply)
{
    public static IReadOnlyList<EchoForm> All { get; } =
    [
        new("plain", k => k),
        new("zero-width spaces every 3", k => Every(k, 3, _ => "\u200B")),
        new("soft hyphens every 4", k => Every(k, 4, _ => "\u00AD")),
        new("zero-width joiner, BOM and word joiner every 2", k => Every(k, 2, i => (i % 3) switch { 0 => "\u200D", 1 => "\uFEFF", _ => "\u2060" })),
        new("fullwidth", Fullwidth),
        new("html decimal entities", k => Map(k, c => $"&#{(int)c};")),
        new("html hex entities", k => Map(k, c => $"&#x{(int)c:x};")),
        new("html entities without semicolons", k => Map(k, c => $"&#{(int)c}")),
        new("html entities, double-encoded", k => Map(k, c => $"&amp;#{(int)c};")),
        new("named &amp; wrapping numeric entities", k => Map(k, c => c switch { ':' => "&#58;", '$' => "&#36;", _ => char.IsAsciiLetterUpper(c) ? $"&#x{(int)c:X};" : c.ToString() }).Replace("&#x", "&amp;#x", StringComparison.Ordinal)),
        new("percent-encoded", Percent),
        new("percent-encoded twice", k => Percent(k).Replace("%", "%25", StringComparison.Ordinal)),
        new("percent-encoded three times", k => Percent(k).Replace("%", "%2525", StringComparison.Ordinal)),
        new("percent-encoded, line-wrapped at 16 columns", k => Every(Percent(k), 16, _ => "\r\n")),
        new("html entities, line-wrapped at 10 columns", k => Every(Map(k, c => $"&#{(int)c};"), 10, _ => "\n")),
        new("backslash escapes, escaped twice", k => Map(k, c => $"\\\\u{(int)c:x4}")),
        new("split by tags", k => Every(k, 5, i => i % 2 == 0 ? "<b>" : "</b>")),
        new("split by spaces every 4", k => Every(k, 4, _ => " ")),
        new("split by line breaks and tabs every 6", k => Every(k, 6, i => i % 2 == 0 ? "\n" : "\t")),
        new("grouped by dashes every 4", k => Every(k, 4, _ => "-")),
        new("upper case", k => k.ToUpperInvariant()),
        new("Hangul fillers every 3", k => Every(k, 3, i => i % 2 == 0 ? "\u3164" : "\uFFA0")),
        new("fullwidth with zero-width spaces and entities", k => Every(Fullwidth(k), 3, i => i % 2 == 0 ? "\u200B" : "&#173;")),
    ];

    public override string ToString() => Name;

    public static EchoForm Named(string name) => All.Single(f => f.Name == name);

    private static string Every(string key, int n, Func<int, string> separator)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % n == 0)
            {
                sb.Append(separator(i / n));
            }

            sb.Append(key[i]);
        }

        return sb.ToString();
    }

    private static string Map(string key, Func<char, string> map) => string.Concat(key.Select(map));

    private static string Fullwidth(string key) => Map(key, c => c is >= '!' and <= '~' ? ((char)(c + 0xFEE0)).ToString() : c.ToString());

    private static string Percent(string key) => Map(key, c => "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture));
}
