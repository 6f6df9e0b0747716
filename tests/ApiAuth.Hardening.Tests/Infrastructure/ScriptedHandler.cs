namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>An in-memory primary handler that answers with a script, on both doors; no socket.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> _respond;

    public ScriptedHandler(Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> respond) => _respond = respond;

    public int Calls => Volatile.Read(ref _calls);

    private int _calls;

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        HttpResponseMessage response = _respond(request, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
