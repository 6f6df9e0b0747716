namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>The in-memory terminal handler of the success path: returns one cached response, sync and async, and never reads the request.</summary>
internal sealed class CachedResponseHandler : HttpMessageHandler
{
    private readonly HttpResponseMessage _response;
    private readonly Task<HttpResponseMessage> _completed;

    public CachedResponseHandler(HttpResponseMessage response)
    {
        _response = response;
        _completed = Task.FromResult(response);
    }

    /// <summary>Creates a handler returning a 200 with a small JSON body, buffered once so later requests do not copy it.</summary>
    public static CachedResponseHandler Ok()
    {
        var content = new ByteArrayContent("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\"}"u8.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.LoadIntoBufferAsync().GetAwaiter().GetResult();
        return new CachedResponseHandler(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
    }

    /// <summary>Creates a handler returning a 200 <c>text/event-stream</c> whose body is 1 GiB generated on demand: reading it would show in time and allocations.</summary>
    public static CachedResponseHandler Streaming()
    {
        var content = new GeneratedBodyContent(GeneratedBodyContent.OneGiB, "data: {\"choices\":[]}\n\n"u8.ToArray(), (byte)'\n', "text/event-stream");
        return new CachedResponseHandler(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => _response;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _completed;
}
