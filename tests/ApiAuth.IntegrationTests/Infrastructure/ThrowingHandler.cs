namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>
/// A handler that throws instead of sending, through either door: the probe that shows what a retry policy does with
/// an exception of a given type coming out of the handler chain (the reference ApiAuthException is compared with).
/// </summary>
internal sealed class ThrowingHandler(Func<Exception> exception) : DelegatingHandler
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw exception();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromException<HttpResponseMessage>(exception());
}
