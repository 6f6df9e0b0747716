namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>The floor: a <see cref="DelegatingHandler"/> that does nothing but pass the call on.</summary>
internal sealed class EmptyHandler : DelegatingHandler
{
    public EmptyHandler()
    {
    }

    public EmptyHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.Send(request, cancellationToken);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
