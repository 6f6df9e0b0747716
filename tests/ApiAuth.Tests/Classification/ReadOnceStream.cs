using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// A network-like response body: not seekable, readable once, in small chunks. A pass-through that handed back an
/// already-drained stream, or bytes other than these, shows up as a difference.
/// </summary>
internal sealed class ReadOnceStream(byte[] bytes, int chunk = 7) : ReadOnlyBodyStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, chunk), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));
}
