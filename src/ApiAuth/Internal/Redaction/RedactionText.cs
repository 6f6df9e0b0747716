using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;

namespace ApiAuth.Internal;

/// <summary>
/// Server text as redaction matches it. Percent-escapes, HTML entities (named and numeric) and JSON/JavaScript escapes are
/// decoded, repeatedly (a double-encoded echo), up to <see cref="MaxDecodingRounds"/> rounds; compatibility forms are folded
/// (NFKC: fullwidth letters become ASCII); format characters (zero-width space and joiner, soft hyphen, BOM), combining marks
/// and blank fillers are dropped (a soft break); white space is dropped before decoding, so an escape split by a line
/// break still decodes (a gap); tags are removed (a soft break), and also kept in a second view (<see cref="WithTags"/>). <see cref="LettersAndDigits"/> goes further, for keys regrouped or recased by the server.
/// Every character that remains knows the span of the original text it came from, so a match is redacted where it stands
/// in the original. Built on the failure path only; linear in the text's length.
/// </summary>
internal sealed class RedactionText
{
    /// <summary>How many times the text is decoded at most (each round decodes one layer of every escape kind).</summary>
    public const int MaxDecodingRounds = 8;

    /// <summary>The longest <c>&lt;…&gt;</c> removed as a tag.</summary>
    private const int MaxTagLength = 256;

    /// <summary>The longest named entity looked up (<c>&amp;CounterClockwiseContourIntegral;</c> is 33 characters).</summary>
    private const int MaxEntityLength = 40;

    /// <summary>A character whose compatibility form is longer than this is kept as it is (bounds the text's growth).</summary>
    private const int MaxFoldedLength = 4;

    private static readonly SearchValues<char> Escapes = SearchValues.Create("%&\\");

    private readonly char[] _chars;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly byte[] _breaks;
    private List<RedactionText> _intermediate = [];

    private RedactionText(char[] chars, int[] starts, int[] ends, byte[] breaks, int length)
    {
        _chars = chars;
        _starts = starts;
        _ends = ends;
        _breaks = breaks;
        Length = length;
    }

    /// <summary>Gets the number of characters that remain.</summary>
    public int Length { get; }

    /// <summary>Gets the characters that remain.</summary>
    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    /// <summary>Gets a character.</summary>
    /// <param name="index">Its index.</param>
    public char this[int index] => _chars[index];

    /// <summary>Gets where, in the original text, the character at <paramref name="index"/> starts.</summary>
    /// <param name="index">Its index.</param>
    /// <returns>An offset in the original text.</returns>
    public int Start(int index) => _starts[index];

    /// <summary>Gets where, in the original text, the character at <paramref name="index"/> ends (exclusive).</summary>
    /// <param name="index">Its index.</param>
    /// <returns>An offset in the original text.</returns>
    public int End(int index) => _ends[index];

    /// <summary>Gets a value indicating whether white space or a tag stood before the character at <paramref name="index"/>.</summary>
    /// <param name="index">Its index.</param>
    /// <returns><see langword="true"/> at a word boundary.</returns>
    public bool GapBefore(int index) => _breaks[index] >= RedactionUnits.Gap;

    /// <summary>Gets a value indicating whether anything (white space, a tag, a format character) stood before the character at <paramref name="index"/>.</summary>
    /// <param name="index">Its index.</param>
    /// <returns><see langword="true"/> at a possible token boundary.</returns>
    public bool BreakBefore(int index) => _breaks[index] != 0;

    /// <summary>Normalizes a text.</summary>
    /// <param name="text">The original text.</param>
    /// <returns>The normalized view.</returns>
    public static RedactionText From(string text)
    {
        var written = new RedactionUnits(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            written.Add(text[i], i, i + 1, 0);
        }

        // Each round builds new units; the text as written stays as it was, for the view below.
        RedactionUnits units = written;
        int limit = (text.Length * MaxFoldedLength) + 16;
        bool changed = false, decoded = false;
        RedactionText? previous = null;
        var intermediate = new List<RedactionText>();
        for (int round = 0; round < MaxDecodingRounds; round++)
        {
            changed = false;
            if (units.Chars.ContainsAny(Escapes))
            {
                units = Decode(units, ref changed);
            }

            if (units.Chars.ContainsAnyExceptInRange((char)0x20, (char)0x7E))
            {
                units = Fold(units, limit, ref changed);
            }

            if (!changed)
            {
                break;
            }

            if (decoded)
            {
                // A layer decoded in one round may form a new escape with what follows ("\u" + "\u0034" → "\u4…"), which
                // the next round decodes away: the key may stand in any round's text, so each is matched.
                intermediate.Add(previous!);
            }

            decoded = true;
            previous = Compact(units, removeTags: false, out _);
        }

        RedactionText withoutTags = Compact(units, removeTags: true, out bool removedTags);
        withoutTags.Unfinished = changed;
        if (removedTags)
        {
            // What looks like a tag may hold the key itself (<sk-proj-…>, an attribute): it is matched in this view too.
            withoutTags.WithTags = Compact(units, removeTags: false, out _);
        }

        if (decoded)
        {
            // Decoding can also destroy a key that stands as written ("\u98e5…" before a hex key): it is matched as written too.
            withoutTags.AsWritten = Compact(written, removeTags: false, out _);
        }

        withoutTags._intermediate = intermediate;

        return withoutTags;
    }

    /// <summary>
    /// Gets a value indicating whether the text still changed in the last of <see cref="MaxDecodingRounds"/> rounds: more
    /// layers of encoding than any real server uses, so what it hides cannot be told.
    /// </summary>
    public bool Unfinished { get; private set; }

    /// <summary>Gets the same text with its tags kept (only white space removed), when tags were removed; otherwise <see langword="null"/>.</summary>
    public RedactionText? WithTags { get; private set; }

    /// <summary>Gets the text as written (only white space removed), when decoding or folding changed it; otherwise <see langword="null"/>.</summary>
    public RedactionText? AsWritten { get; private set; }

    /// <summary>
    /// Gets this view, the one that keeps tags, the one as written and the text between decoding rounds, when they differ:
    /// every match is looked for in each.
    /// </summary>
    /// <returns>The views (at most <see cref="MaxDecodingRounds"/> + 2).</returns>
    public IEnumerable<RedactionText> Views()
    {
        yield return this;
        if (WithTags is not null)
        {
            yield return WithTags;
        }

        if (AsWritten is not null)
        {
            yield return AsWritten;
        }

        foreach (RedactionText view in _intermediate)
        {
            yield return view;
        }
    }

    /// <summary>
    /// Gets the letters and digits alone, in lower case, each keeping its span: the text as it reads when a server groups a
    /// key with dashes or dots, or changes its case.
    /// </summary>
    /// <returns>The projection.</returns>
    public RedactionText LettersAndDigits()
    {
        var chars = new char[Length];
        var starts = new int[Length];
        var ends = new int[Length];
        var gaps = new byte[Length];
        int n = 0;
        for (int i = 0; i < Length; i++)
        {
            if (char.IsLetterOrDigit(_chars[i]))
            {
                chars[n] = char.ToLowerInvariant(_chars[i]);
                starts[n] = _starts[i];
                ends[n] = _ends[i];
                gaps[n] = n == 0 || _breaks[i] != 0 || !char.IsLetterOrDigit(_chars[i - 1]) ? RedactionUnits.Gap : (byte)0;
                n++;
            }
        }

        return new RedactionText(chars, starts, ends, gaps, n);
    }

    /// <summary>Decodes one layer of percent-escapes, HTML entities and backslash escapes.</summary>
    private static RedactionUnits Decode(RedactionUnits source, ref bool changed)
    {
        var target = new RedactionUnits(source.Length);
        int i = 0;
        while (i < source.Length)
        {
            int next = source[i] switch
            {
                '%' => TryPercent(source, i, target),
                '&' => TryEntity(source, i, target),
                '\\' => TryBackslash(source, i, target),
                _ => -1,
            };

            if (next < 0)
            {
                target.Add(source[i], source.Start(i), source.End(i), source.BreakBefore(i));
                i++;
            }
            else
            {
                changed = true;
                i = next;
            }
        }

        return target;
    }

    /// <summary>Decodes a UTF-8 sequence of <c>%XX</c> escapes at <paramref name="i"/>; returns where decoding stopped, or -1.</summary>
    private static int TryPercent(RedactionUnits source, int i, RedactionUnits target)
    {
        if (!TryHexByte(source, i, out byte lead))
        {
            return -1;
        }

        int length = lead switch
        {
            < 0x80 => 1,
            >= 0xC2 and <= 0xDF => 2,
            >= 0xE0 and <= 0xEF => 3,
            >= 0xF0 and <= 0xF4 => 4,
            _ => 0,
        };

        if (length == 0)
        {
            return -1;
        }

        Span<byte> bytes = stackalloc byte[4];
        bytes[0] = lead;
        for (int k = 1; k < length; k++)
        {
            if (!TryHexByte(source, i + (3 * k), out bytes[k]))
            {
                return -1;
            }
        }

        if (Rune.DecodeFromUtf8(bytes[..length], out Rune rune, out int consumed) != OperationStatus.Done || consumed != length)
        {
            return -1;
        }

        int end = i + (3 * length);
        target.Add(rune, source.Start(i), source.End(end - 1), source.BreakBefore(i));
        return end;
    }

    private static bool TryHexByte(RedactionUnits source, int i, out byte value)
    {
        value = 0;
        if (i + 2 >= source.Length || source[i] != '%' || !char.IsAsciiHexDigit(source[i + 1]) || !char.IsAsciiHexDigit(source[i + 2]))
        {
            return false;
        }

        value = (byte)((HexValue(source[i + 1]) << 4) | HexValue(source[i + 2]));
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Decodes <c>&amp;#115;</c>, <c>&amp;#x73;</c> (the semicolon optional, as browsers accept) and named entities.</summary>
    private static int TryEntity(RedactionUnits source, int i, RedactionUnits target)
    {
        int j = i + 1;
        if (j < source.Length && source[j] == '#')
        {
            j++;
            bool hex = j < source.Length && source[j] is 'x' or 'X';
            j += hex ? 1 : 0;
            int digitsStart = j;
            int value = 0;
            while (j < source.Length && j - digitsStart < 8 && (hex ? char.IsAsciiHexDigit(source[j]) : char.IsAsciiDigit(source[j])))
            {
                value = (value * (hex ? 16 : 10)) + HexValue(source[j]);
                j++;
            }

            if (j == digitsStart || !Rune.IsValid(value) || value == 0)
            {
                return -1;
            }

            if (j < source.Length && source[j] == ';')
            {
                j++;
            }
            else if (j < source.Length && source[j] is '\\' or '%' && !source.GapBefore(j))
            {
                // Without its semicolon the number may go on in a layer not decoded yet (&#1\u0030…): wait for the next round.
                return -1;
            }

            target.Add(new Rune(value), source.Start(i), source.End(j - 1), source.BreakBefore(i));
            return j;
        }

        while (j < source.Length && j - i <= MaxEntityLength && char.IsAsciiLetterOrDigit(source[j]))
        {
            j++;
        }

        if (j == i + 1 || j >= source.Length || source[j] != ';')
        {
            return -1;
        }

        string entity = new(source.Chars[i..(j + 1)]);
        string decoded = WebUtility.HtmlDecode(entity);
        if (decoded.Length == 0 || decoded.Length > 2 || decoded == entity)
        {
            return -1;
        }

        for (int k = 0; k < decoded.Length; k++)
        {
            target.Add(decoded[k], source.Start(i), source.End(j), k == 0 ? source.BreakBefore(i) : (byte)0);
        }

        return j + 1;
    }

    /// <summary>Decodes <c>\uXXXX</c>, <c>\xXX</c>, <c>\/</c>, <c>\\</c>, quotes and <c>\n</c>, <c>\r</c>, <c>\t</c>.</summary>
    private static int TryBackslash(RedactionUnits source, int i, RedactionUnits target)
    {
        if (i + 1 >= source.Length)
        {
            return -1;
        }

        char c = source[i + 1];
        int digits = c switch
        {
            'u' or 'U' => 4,
            'x' => 2,
            _ => 0,
        };

        if (digits > 0)
        {
            if (i + 1 + digits >= source.Length)
            {
                return -1;
            }

            int value = 0;
            for (int k = i + 2; k < i + 2 + digits; k++)
            {
                if (!char.IsAsciiHexDigit(source[k]))
                {
                    return -1;
                }

                value = (value << 4) | HexValue(source[k]);
            }

            int end = i + 2 + digits;
            target.Add((char)value, source.Start(i), source.End(end - 1), source.BreakBefore(i));
            return end;
        }

        char decoded = c switch
        {
            '/' or '\\' or '"' or '\'' => c,
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => '\0',
        };

        if (decoded == '\0')
        {
            return -1;
        }

        target.Add(decoded, source.Start(i), source.End(i + 1), source.BreakBefore(i));
        return i + 2;
    }

    /// <summary>
    /// Drops format characters, combining marks and blank fillers (Hangul fillers, the blank braille cell), leaving a soft
    /// break; folds compatibility forms (NFKC). Control characters stay: they separate, as in the original.
    /// </summary>
    private static RedactionUnits Fold(RedactionUnits source, int limit, ref bool changed)
    {
        var target = new RedactionUnits(source.Length);
        for (int i = 0; i < source.Length; i++)
        {
            char c = source[i];
            if (c < 0x80 && (c >= 0x20 || char.IsWhiteSpace(c)))
            {
                target.Add(c, source.Start(i), source.End(i), source.BreakBefore(i));
                continue;
            }

            int width = char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]) ? 2 : 1;
            if (char.IsSurrogate(c) && width == 1)
            {
                // A lone surrogate cannot be normalized; it is no key character either.
                target.Add(c, source.Start(i), source.End(i), source.BreakBefore(i));
                continue;
            }

            UnicodeCategory category = width == 2
                ? Rune.GetUnicodeCategory(new Rune(c, source[i + 1]))
                : CharUnicodeInfo.GetUnicodeCategory(c);
            int start = source.Start(i);
            int end = source.End(i + width - 1);
            if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800')
            {
                changed = true;
                target.MarkBreak(Math.Max(RedactionUnits.SoftBreak, source.BreakBefore(i)));

                i += width - 1;
                continue;
            }

            string original = new(source.Chars.Slice(i, width));
            string folded = original.Normalize(NormalizationForm.FormKC);
            if (folded.Length <= MaxFoldedLength && target.Length + folded.Length <= limit && !string.Equals(folded, original, StringComparison.Ordinal))
            {
                changed = true;
                bool first = true;
                foreach (char f in folded)
                {
                    target.Add(f, start, end, first ? source.BreakBefore(i) : (byte)0);
                    first = false;
                }
            }
            else
            {
                for (int k = 0; k < width; k++)
                {
                    target.Add(source[i + k], source.Start(i + k), source.End(i + k), source.BreakBefore(i + k));
                }
            }

            i += width - 1;
        }

        return target;
    }

    /// <summary>Removes tags, when asked, leaving a soft break (a tag inside a key joins it: sk-&lt;b&gt;abc&lt;/b&gt;def).</summary>
    private static RedactionText Compact(RedactionUnits source, bool removeTags, out bool removedTags)
    {
        removedTags = false;
        var chars = new char[source.Length];
        var starts = new int[source.Length];
        var ends = new int[source.Length];
        var breaks = new byte[source.Length];
        int n = 0;
        bool tag = false;
        int i = 0;
        while (i < source.Length)
        {
            char c = source[i];
            if (removeTags && c == '<' && TagEnd(source, i) is int close and >= 0)
            {
                removedTags = true;
                tag = true;
                i = close + 1;
                continue;
            }

            chars[n] = c;
            starts[n] = source.Start(i);
            ends[n] = source.End(i);
            breaks[n] = Math.Max(source.BreakBefore(i), tag ? RedactionUnits.SoftBreak : (byte)0);
            tag = false;
            n++;
            i++;
        }

        return new RedactionText(chars, starts, ends, breaks, n);
    }

    /// <summary>Finds the <c>&gt;</c> closing a tag that starts at <paramref name="i"/> (<c>&lt;b&gt;</c>, <c>&lt;/span&gt;</c>, <c>&lt;!-- --&gt;</c>), or -1.</summary>
    private static int TagEnd(RedactionUnits source, int i)
    {
        if (i + 1 >= source.Length || !(char.IsAsciiLetter(source[i + 1]) || source[i + 1] is '/' or '!' or '?'))
        {
            return -1;
        }

        int last = Math.Min(source.Length, i + MaxTagLength);
        for (int j = i + 1; j < last; j++)
        {
            if (source[j] == '>')
            {
                return j;
            }

            if (source[j] == '<')
            {
                return -1;
            }
        }

        return -1;
    }
}
