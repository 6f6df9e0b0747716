using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// A body whose bytes arrive only when the test releases them: a read blocks (the synchronous one like a socket does, the
/// asynchronous one without blocking a thread) until bytes are released, the end is released, or the stream is disposed.
/// </summary>
public sealed class GatedStream : ReadOnlyBodyStream
{
    private readonly object _gate = new();
    private readonly byte[] _data;
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;
    private int _released;
    private bool _disposed;

    public GatedStream(byte[] data, int releasedAtStart)
    {
        _data = data;
        _released = releasedAtStart;
    }

    /// <summary>Gets a task that completes the first time a read has to wait for bytes.</summary>
    public Task Waiting => _waiting.Task;

    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
    }

    /// <summary>Lets every remaining byte, and then the end, through.</summary>
    public void ReleaseAll()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _released = _data.Length;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Monitor.PulseAll(_gate);
        }

        changed.TrySetResult();
    }

    public override int Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            while (_position == _released && _released < _data.Length && !_disposed)
            {
                _waiting.TrySetResult();
                Monitor.Wait(_gate);
            }

            return Take(buffer);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_position < _released || _released == _data.Length || _disposed)
                {
                    return Take(buffer.Span);
                }

                _waiting.TrySetResult();
                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }


    protected override void Dispose(bool disposing)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _disposed = true;
            changed = _changed;
            Monitor.PulseAll(_gate);
        }

        changed.TrySetResult();
        base.Dispose(disposing);
    }

    private int Take(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = Math.Min(buffer.Length, _released - _position);
        _data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
