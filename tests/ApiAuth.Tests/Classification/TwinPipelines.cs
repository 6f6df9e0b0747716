using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// The reference for "do no harm": two <c>IHttpClientFactory</c> clients over the same kind of stub primary handler,
/// one bare and one with ApiAuth, so a response can be replayed through both and the outcomes compared byte for byte.
/// </summary>
internal sealed class TwinPipelines : IDisposable
{
    private readonly ServiceProvider _services;

    public TwinPipelines(Func<HttpResponseMessage> respond, Action<ApiAuthDiagnosticsOptions>? configure = null)
    {
        BareStub = new RecordingHandler(_ => respond());
        ApiAuthStub = new RecordingHandler(_ => respond());
        var services = new ServiceCollection();
        services.AddHttpClient("bare").ConfigurePrimaryHttpMessageHandler(() => BareStub);
        services.AddHttpClient("apiauth").ConfigurePrimaryHttpMessageHandler(() => ApiAuthStub).AddApiAuthDiagnostics(configure);
        _services = services.BuildServiceProvider();
        IHttpClientFactory factory = _services.GetRequiredService<IHttpClientFactory>();
        Bare = factory.CreateClient("bare");
        WithApiAuth = factory.CreateClient("apiauth");
    }

    public RecordingHandler BareStub { get; }

    public RecordingHandler ApiAuthStub { get; }

    public HttpClient Bare { get; }

    public HttpClient WithApiAuth { get; }

    /// <summary>A response that streams <paramref name="body"/> like a network body (not seekable, read once).</summary>
    public static HttpResponseMessage Streaming(int status, byte[] body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StreamContent(new ReadOnceStream(body)) };
        foreach ((string name, string value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    /// <summary>Sends a fresh request through one client on one door with one completion option, and reads what the caller would.</summary>
    public static async Task<Outcome> RunAsync(HttpClient client, Func<HttpRequestMessage> request, bool sync, HttpCompletionOption option)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using HttpRequestMessage message = request();
        HttpResponseMessage response;
        try
        {
            response = sync ? client.Send(message, option, ct) : await client.SendAsync(message, option, ct);
        }
        catch (Exception e)
        {
            return new Outcome(null, string.Empty, string.Empty, null, e);
        }

        using (response)
        {
            // Headers first (as a caller inspects them before reading), then the body through the same door.
            string headers = Render(response.Headers.NonValidated);
            string contentHeaders = Render(response.Content.Headers.NonValidated);
            byte[] body;
            if (sync)
            {
                using Stream stream = response.Content.ReadAsStream(ct);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                body = copy.ToArray();
            }
            else
            {
                body = await response.Content.ReadAsByteArrayAsync(ct);
            }

            return new Outcome((int)response.StatusCode, headers, contentHeaders, body, null);
        }
    }

    /// <summary>
    /// Replays through both pipelines and asserts the outcomes are identical — status, headers, content headers, body
    /// bytes — unless <paramref name="labelledCause"/> says the response is an auth failure: then ApiAuth throws
    /// <see cref="ApiAuthException"/> with that cause, and only ApiAuth's outcome differs. The label decides, never ApiAuth's verdict.
    /// </summary>
    public async Task AssertSameOutcomeAsync(Func<HttpRequestMessage> request, bool sync, HttpCompletionOption option, AuthFailureCause? labelledCause, string because)
    {
        Outcome bare = await RunAsync(Bare, request, sync, option);
        Outcome with = await RunAsync(WithApiAuth, request, sync, option);

        Assert.True(bare.Thrown is null, $"{because}: the bare pipeline threw {bare.Thrown}");
        Assert.Single(ApiAuthStub.Requests);
        if (labelledCause is { } cause)
        {
            ApiAuthException e = Assert.IsType<ApiAuthException>(with.Thrown);
            Assert.Equal(cause, e.Failure.Cause);
            Assert.Equal(bare.Status, (int?)e.Failure.StatusCode);
            return;
        }

        Assert.True(with.Thrown is null, $"{because}: passes through without ApiAuth but ApiAuth threw {with.Thrown}");
        Assert.Equal(bare.Status, with.Status);
        Assert.Equal(bare.Headers, with.Headers);
        Assert.Equal(bare.ContentHeaders, with.ContentHeaders);
        Assert.Equal(bare.Body, with.Body);
    }

    private static string Render(HttpHeadersNonValidated headers)
    {
        var lines = new List<string>();
        foreach (KeyValuePair<string, HeaderStringValues> header in headers)
        {
            lines.Add(header.Key.ToLowerInvariant() + ": " + string.Join(", ", header.Value));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    public void Dispose()
    {
        Bare.Dispose();
        WithApiAuth.Dispose();
        _services.Dispose();
    }

    /// <summary>What the caller saw: a response (status, headers, body bytes) or an exception.</summary>
    internal sealed record Outcome(int? Status, string Headers, string ContentHeaders, byte[]? Body, Exception? Thrown);
}
