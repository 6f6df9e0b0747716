using System.Text;

namespace ApiAuth.Internal;

/// <summary>
/// A growing list of characters, each with the span of the original text it stands for (see <see cref="RedactionText"/>).
/// White space is never stored: it marks the next character as standing after a gap, so escapes split by a line break or
/// a space still decode. Dropped format characters and removed tags leave a soft break (see <see cref="SoftBreak"/>).
/// </summary>
internal sealed class RedactionUnits(int capacity)
{
    private char[] _chars = new char[Math.Max(capacity, 4)];
    private int[] _starts = new int[Math.Max(capacity, 4)];
    private int[] _ends = new int[Math.Max(capacity, 4)];
    private byte[] _breaks = new byte[Math.Max(capacity, 4)];
    private byte _pending;

    /// <summary>Something invisible (a format character, a tag) stood before the character: it joins a key, but may also separate two tokens.</summary>
    public const byte SoftBreak = 1;

    /// <summary>White space stood before the character.</summary>
    public const byte Gap = 2;

    public int Length { get; private set; }

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public char this[int index] => _chars[index];

    public int Start(int index) => _starts[index];

    public int End(int index) => _ends[index];

    public byte BreakBefore(int index) => _breaks[index];

    public bool GapBefore(int index) => _breaks[index] >= Gap;

    /// <summary>Marks the next character added as standing after a break of this kind (or a stronger one already pending).</summary>
    public void MarkBreak(byte kind) => _pending = Math.Max(_pending, kind);

    public void Add(Rune rune, int start, int end, byte breakBefore)
    {
        Span<char> buffer = stackalloc char[2];
        int written = rune.EncodeToUtf16(buffer);
        for (int k = 0; k < written; k++)
        {
            Add(buffer[k], start, end, k == 0 ? breakBefore : (byte)0);
        }
    }

    public void Add(char c, int start, int end, byte breakBefore)
    {
        if (char.IsWhiteSpace(c))
        {
            _pending = Gap;
            return;
        }

        if (Length == _chars.Length)
        {
            Array.Resize(ref _chars, Length * 2);
            Array.Resize(ref _starts, Length * 2);
            Array.Resize(ref _ends, Length * 2);
            Array.Resize(ref _breaks, Length * 2);
        }

        _chars[Length] = c;
        _starts[Length] = start;
        _ends[Length] = end;
        _breaks[Length] = Math.Max(breakBefore, _pending);
        _pending = 0;
        Length++;
    }
}
