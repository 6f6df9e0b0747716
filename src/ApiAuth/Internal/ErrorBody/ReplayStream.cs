namespace ApiAuth.Internal;

/// <summary>
/// The body of an error response as the caller would have read it without ApiAuth: the prefix ApiAuth read, then the outcome
/// of a read that was still in flight, then the exception the stream threw (at the same point, every time it is read
/// again) or the rest of the stream.
/// </summary>
internal sealed class ReplayStream : Stream
{
    private readonly ErrorBody _body;
    private int _position;
    private int _available;
    private bool _pendingTaken;
    private bool _ended;

    public ReplayStream(ErrorBody body)
    {
        _body = body;
        _available = body.Length;
        _ended = body.Remainder is null;
    }

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
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position < _available)
        {
            return Copy(buffer);
        }

        if (_body.Pending is { } pending && !_pendingTaken)
        {
            return Took(pending.GetAwaiter().GetResult()) ? Copy(buffer) : 0;
        }

        _body.Failure?.Throw();
        return _ended ? 0 : _body.Remainder!.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        if (_position < _available)
        {
            return ValueTask.FromResult(Copy(buffer.Span));
        }

        if (_body.Pending is { } pending && !_pendingTaken)
        {
            return TakePendingAsync(pending, buffer, cancellationToken);
        }

        if (_body.Failure is { } failure)
        {
            return ValueTask.FromException<int>(failure.SourceException);
        }

        return _ended ? ValueTask.FromResult(0) : _body.Remainder!.ReadAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Remainder?.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> TakePendingAsync(Task<int> pending, Memory<byte> buffer, CancellationToken cancellationToken) =>
        Took(await pending.WaitAsync(cancellationToken).ConfigureAwait(false)) ? Copy(buffer.Span) : 0;

    /// <summary>Takes the bytes the read in flight put after the prefix; <see langword="false"/> when it found the end.</summary>
    private bool Took(int n)
    {
        _pendingTaken = true;
        if (n == 0)
        {
            _ended = true;
            return false;
        }

        _available += n;
        return true;
    }

    private int Copy(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, _available - _position);
        _body.Buffer.AsSpan(_position, n).CopyTo(destination);
        _position += n;
        return n;
    }
}
