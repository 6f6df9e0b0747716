namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>The in-memory terminal handler of the failure path: a fresh error response per request (ApiAuth may dispose it).</summary>
internal sealed class ErrorResponseHandler : HttpMessageHandler
{
    private readonly Func<HttpResponseMessage> _create;

    public ErrorResponseHandler(Func<HttpResponseMessage> create) => _create = create;

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Create(request);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Create(request));

    /// <summary>Links the response to its request, as every real transport does (the failure is found through it).</summary>
    private HttpResponseMessage Create(HttpRequestMessage request)
    {
        HttpResponseMessage response = _create();
        response.RequestMessage = request;
        return response;
    }
}
