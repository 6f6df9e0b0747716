using System.Net;
using System.Net.Http.Headers;

namespace ApiAuth.Testing.Internal;

/// <summary>The in-memory transport: hands each request to the emulator's core, never touches a socket.</summary>
internal sealed class EmulatorHttpMessageHandler : HttpMessageHandler
{
    private readonly ProviderEmulator _emulator;

    public EmulatorHttpMessageHandler(ProviderEmulator emulator) => _emulator = emulator;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return Respond(request, body);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] body = [];
        if (request.Content is not null)
        {
            using var stream = request.Content.ReadAsStream(cancellationToken);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            body = buffer.ToArray();
        }

        return Respond(request, body);
    }

    private HttpResponseMessage Respond(HttpRequestMessage request, byte[] body)
    {
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The request has no absolute URI; give the HttpClient a BaseAddress or use absolute URIs.");
        }

        var headers = HeaderBag.Create();
        AddHeaders(headers, request.Headers);
        if (request.Content is not null)
        {
            AddHeaders(headers, request.Content.Headers);
        }

        var incoming = new IncomingRequest(
            request.Method.Method,
            Uri.UnescapeDataString(uri.AbsolutePath),
            uri.Query,
            headers,
            body);

        var answer = _emulator.Process(incoming);
        HttpContent content = answer.Events is { } events ? new EventStreamContent(events) : new ByteArrayContent(answer.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
        var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
        {
            RequestMessage = request,
            Content = content,
        };

        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static void AddHeaders(Dictionary<string, string> headers, HttpHeaders source)
    {
        foreach (var (name, values) in source.NonValidated)
        {
            // Over a socket, leading and trailing white space is not part of a header value; drop it here too.
            HeaderBag.Add(headers, name, values.Select(v => v.Trim(' ', '\t')));
        }
    }
}
