namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>A read-only stream of <c>length</c> bytes: <c>prefix</c>, then <c>filler</c> to the end. Nothing is buffered.</summary>
internal sealed class GeneratedBodyStream : Stream
{
    private readonly GeneratedBodyContent _owner;
    private readonly long _length;
    private readonly byte[] _prefix;
    private readonly byte _filler;
    private long _position;

    public GeneratedBodyStream(GeneratedBodyContent owner, long length, byte[] prefix, byte filler)
    {
        _owner = owner;
        _length = length;
        _prefix = prefix;
        _filler = filler;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long left = _length - _position;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        int n = (int)Math.Min(buffer.Length, left);
        Span<byte> target = buffer[..n];
        int copied = 0;
        if (_position < _prefix.Length)
        {
            ReadOnlySpan<byte> rest = _prefix.AsSpan((int)_position);
            copied = Math.Min(rest.Length, n);
            rest[..copied].CopyTo(target);
        }

        target[copied..].Fill(_filler);
        _position += n;
        _owner.Count(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
