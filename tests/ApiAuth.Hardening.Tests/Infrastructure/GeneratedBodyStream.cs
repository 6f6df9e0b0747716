using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// A read-only body of any length (a gibibyte, say) generated as it is read, never allocated: a head, then a repeated
/// filler. Counts the bytes handed out, so a test can prove a reader stopped at its cap.
/// </summary>
internal sealed class GeneratedBodyStream : ReadOnlyBodyStream
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

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

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

    protected override void Dispose(bool disposing)
    {
        Interlocked.Exchange(ref _disposed, 1);
        base.Dispose(disposing);
    }
}

/// <summary>A body that yields one byte per interval, forever (or until disposed or cancelled).</summary>
internal sealed class TrickleStream : ReadOnlyBodyStream
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

    private readonly CancellationTokenSource _disposed = new();

    public override int Read(Span<byte> buffer)
    {
        // Blocks like a socket does; only disposing the stream unblocks it early (as closing a socket does).
        if (_disposed.Token.WaitHandle.WaitOne(_interval))
        {
            throw new ObjectDisposedException(nameof(TrickleStream));
        }

        return Take(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        await Task.Delay(_interval, linked.Token).ConfigureAwait(false);
        return Take(buffer.Span);
    }

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

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }

        base.Dispose(disposing);
    }
}
