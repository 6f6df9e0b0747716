namespace ApiAuth.Testing.Internal;

/// <summary>
/// A read-only stream over server-sent events that never returns more than the rest of one event per read,
/// so a reader sees the events arrive one by one, as they do over a socket.
/// </summary>
internal sealed class EventChunkStream : Stream
{
    private readonly IReadOnlyList<byte[]> _events;
    private int _event;
    private int _offset;

    public EventChunkStream(IReadOnlyList<byte[]> events) => _events = events;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_event < _events.Count && _offset >= _events[_event].Length)
        {
            _event++;
            _offset = 0;
        }

        if (_event >= _events.Count || buffer.IsEmpty)
        {
            return 0;
        }

        var current = _events[_event].AsSpan(_offset);
        var count = Math.Min(current.Length, buffer.Length);
        current[..count].CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
