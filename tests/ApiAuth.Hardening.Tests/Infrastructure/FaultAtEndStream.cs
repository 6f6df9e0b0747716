using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>A body that gives an inner stream's bytes, then throws a fresh exception from the factory on every read, on both doors.</summary>
internal sealed class FaultAtEndStream : ReadOnlyBodyStream
{
    private readonly Stream _inner;
    private readonly Func<Exception> _fault;

    public FaultAtEndStream(Stream inner, Func<Exception> fault)
    {
        _inner = inner;
        _fault = fault;
    }

    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        return n > 0 || buffer.IsEmpty ? n : throw _fault();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return n > 0 || buffer.IsEmpty ? n : throw _fault();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
