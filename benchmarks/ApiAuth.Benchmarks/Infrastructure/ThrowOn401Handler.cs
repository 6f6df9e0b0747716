namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>
/// The reference for a thrown failure: a handler that does nothing but turn a 401 into an empty <see cref="Exception"/>, so
/// the throw travels through the same handlers, <see cref="HttpClient"/> frames and awaits as ApiAuth's does.
/// </summary>
internal sealed class ThrowOn401Handler : DelegatingHandler
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = base.Send(request, cancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? Throw(response) : response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Core(request, cancellationToken);

    private static HttpResponseMessage Throw(HttpResponseMessage response)
    {
        response.Dispose();
        throw new Exception();
    }

    private async Task<HttpResponseMessage> Core(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? Throw(response) : response;
    }
}
