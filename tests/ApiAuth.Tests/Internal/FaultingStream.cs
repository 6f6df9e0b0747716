using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>A body that gives its bytes, then throws a fresh exception of the configured kind on every read (both doors).</summary>
public sealed class FaultingStream : ReadOnlyBodyStream
{
    private readonly byte[] _data;
    private readonly Func<Exception> _fault;
    private int _position;

    public FaultingStream(byte[] data, Func<Exception> fault)
    {
        _data = data;
        _fault = fault;
    }

    public bool IsDisposed { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (_position == _data.Length)
        {
            throw _fault();
        }

        // A few bytes at a time, like a network body.
        int n = Math.Min(Math.Min(buffer.Length, 13), _data.Length - _position);
        _data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
    }


    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
