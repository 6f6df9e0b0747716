using System.Text;

namespace ApiAuth.Internal;

/// <summary>A growing list of characters, each with the span of the original text it stands for (see <see cref="RedactionText"/>).</summary>
internal sealed class RedactionUnits(int capacity)
{
    private char[] _chars = new char[Math.Max(capacity, 4)];
    private int[] _starts = new int[Math.Max(capacity, 4)];
    private int[] _ends = new int[Math.Max(capacity, 4)];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public char this[int index] => _chars[index];

    public int Start(int index) => _starts[index];

    public int End(int index) => _ends[index];

    public void Add(Rune rune, int start, int end)
    {
        Span<char> buffer = stackalloc char[2];
        int written = rune.EncodeToUtf16(buffer);
        for (int k = 0; k < written; k++)
        {
            Add(buffer[k], start, end);
        }
    }

    public void Add(char c, int start, int end)
    {
        if (Length == _chars.Length)
        {
            Array.Resize(ref _chars, Length * 2);
            Array.Resize(ref _starts, Length * 2);
            Array.Resize(ref _ends, Length * 2);
        }

        _chars[Length] = c;
        _starts[Length] = start;
        _ends[Length] = end;
        Length++;
    }
}
