namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// A read-only body of any length (a gibibyte, say) generated as it is read, never allocated: a head, then a repeated
/// filler. Counts the bytes handed out, so a test can prove a reader stopped at its cap.
/// </summary>
internal sealed class GeneratedBodyStream : Stream
{
    private readonly byte[] _head;
    private readonly byte _filler;
    private readonly long _length;
    private long _position;
    private long _bytesRead;
    private int _disposed;

    public GeneratedBodyStream(byte[] head, byte filler, long length)
    {
        _head = head;
        _filler = filler;
        _length = length;
    }

    /// <summary>Gets how many bytes readers took from this stream.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

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
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        int n = (int)Math.Min(buffer.Length, _length - _position);
        for (int i = 0; i < n; i++)
        {
            long p = _position + i;
            buffer[i] = p < _head.Length ? _head[p] : _filler;
        }

        _position += n;
        Interlocked.Add(ref _bytesRead, n);
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<int>(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Interlocked.Exchange(ref _disposed, 1);
        base.Dispose(disposing);
    }
}

/// <summary>A body that yields one byte per interval, forever (or until disposed or cancelled).</summary>
internal sealed class TrickleStream : Stream
{
    private readonly TimeSpan _interval;
    private readonly byte[] _bytes;
    private int _next;

    public TrickleStream(TimeSpan interval, byte[] bytes)
    {
        _interval = interval;
        _bytes = bytes;
    }

    public long BytesRead => Volatile.Read(ref _next);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    private readonly CancellationTokenSource _disposed = new();

    public override int Read(byte[] buffer, int offset, int count)
    {
        // Blocks like a socket does; only disposing the stream unblocks it early (as closing a socket does).
        if (_disposed.Token.WaitHandle.WaitOne(_interval))
        {
            throw new ObjectDisposedException(nameof(TrickleStream));
        }

        return Take(buffer.AsSpan(offset, count));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        await Task.Delay(_interval, linked.Token).ConfigureAwait(false);
        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Take(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int i = Interlocked.Increment(ref _next) - 1;
        buffer[0] = _bytes[i % _bytes.Length];
        return 1;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }

        base.Dispose(disposing);
    }
}
