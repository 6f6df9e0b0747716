using System.Text;

namespace ApiAuth.Internal;

/// <summary>
/// A growing list of characters, each with the span of the original text it stands for (see <see cref="RedactionText"/>).
/// White space is never stored: it marks the next character as standing after a gap, so escapes split by a line break or
/// a space still decode.
/// </summary>
internal sealed class RedactionUnits(int capacity)
{
    private char[] _chars = new char[Math.Max(capacity, 4)];
    private int[] _starts = new int[Math.Max(capacity, 4)];
    private int[] _ends = new int[Math.Max(capacity, 4)];
    private bool[] _gaps = new bool[Math.Max(capacity, 4)];
    private bool _pendingGap;

    public int Length { get; private set; }

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public char this[int index] => _chars[index];

    public int Start(int index) => _starts[index];

    public int End(int index) => _ends[index];

    public bool GapBefore(int index) => _gaps[index];

    /// <summary>Marks the next character added as standing after a gap.</summary>
    public void MarkGap() => _pendingGap = true;

    public void Add(Rune rune, int start, int end, bool gap)
    {
        Span<char> buffer = stackalloc char[2];
        int written = rune.EncodeToUtf16(buffer);
        for (int k = 0; k < written; k++)
        {
            Add(buffer[k], start, end, gap && k == 0);
        }
    }

    public void Add(char c, int start, int end, bool gap)
    {
        if (char.IsWhiteSpace(c))
        {
            _pendingGap = true;
            return;
        }

        if (Length == _chars.Length)
        {
            Array.Resize(ref _chars, Length * 2);
            Array.Resize(ref _starts, Length * 2);
            Array.Resize(ref _ends, Length * 2);
            Array.Resize(ref _gaps, Length * 2);
        }

        _chars[Length] = c;
        _starts[Length] = start;
        _ends[Length] = end;
        _gaps[Length] = gap || _pendingGap;
        _pendingGap = false;
        Length++;
    }
}
