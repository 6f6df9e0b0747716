namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the requests that pass one point of a client's handler chain, through either door. Placed first in the
/// chain it counts every attempt a caller (an SDK and its retry policy) makes; placed just outside ApiAuth it counts
/// the attempts a resilience handler registered before ApiAuth makes. A refused request counts too: it never reaches
/// the wire, so the emulator cannot count it.
/// </summary>
internal sealed class AttemptCounter
{
    private int _count;

    /// <summary>Gets how many requests passed.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Creates a handler that counts into this counter (a new one each time: the factory builds a chain per handler lifetime).</summary>
    public DelegatingHandler CreateHandler() => new Counting(this);

    private sealed class Counting(AttemptCounter owner) : DelegatingHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._count);
            return base.Send(request, cancellationToken);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
