using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// A body that gives its head, then blocks like a stalled socket: the synchronous read blocks its thread and the asynchronous
/// one waits, until the stream is disposed (then both throw <see cref="ObjectDisposedException"/>). A read's token is ignored,
/// as a synchronous socket read ignores it.
/// </summary>
internal sealed class BlockingBodyStream : ReadOnlyBodyStream
{
    private readonly byte[] _head;
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public BlockingBodyStream(byte[] head) => _head = head;

    public bool IsDisposed => _disposed.Task.IsCompleted;

    public override int Read(Span<byte> buffer)
    {
        if (_position < _head.Length)
        {
            return Take(buffer);
        }

        _disposed.Task.Wait();
        throw new ObjectDisposedException(nameof(BlockingBodyStream));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < _head.Length)
        {
            return Take(buffer.Span);
        }

        await _disposed.Task.ConfigureAwait(false);
        throw new ObjectDisposedException(nameof(BlockingBodyStream));
    }


    protected override void Dispose(bool disposing)
    {
        _disposed.TrySetResult();
        base.Dispose(disposing);
    }

    private int Take(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _head.Length - _position);
        _head.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
