using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ApiAuth.Tests.TestDoubles;

/// <summary>
/// The terminal handler of unit tests: records what would have gone on the wire and answers with a
/// configured response. Counts both doors separately.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

    public RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage>? respond = null)
    {
        _respond = respond ?? (_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"ok\":true}", Encoding.UTF8, "application/json") });
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int SyncCalls { get; private set; }

    public int AsyncCalls { get; private set; }

    public RecordedRequest Single => Assert.Single(Requests);

    public static RecordingHandler Answering(HttpStatusCode status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        new(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            foreach ((string name, string value) in headers)
            {
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            return response;
        });

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SyncCalls++;
        Requests.Enqueue(RecordedRequest.From(request));
        HttpResponseMessage response = _respond(request);
        response.RequestMessage = request;
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AsyncCalls++;
        Requests.Enqueue(RecordedRequest.From(request));
        HttpResponseMessage response = _respond(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}

/// <summary>A request as it would have been written.</summary>
public sealed record RecordedRequest(Uri? Uri, IReadOnlyDictionary<string, string[]> Headers)
{
    public static RecordedRequest From(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            headers[header.Key] = [.. header.Value];
        }

        return new RecordedRequest(request.RequestUri, headers);
    }

    public string? Header(string name) => Headers.TryGetValue(name, out string[]? values) ? string.Join(",", values) : null;
}
