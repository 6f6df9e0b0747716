using System.Net;
using ApiAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ApiAuth.Tests.TestDoubles;

/// <summary>
/// An <see cref="HttpClient"/> from a real <c>IHttpClientFactory</c> with ApiAuth added, over a recording stub,
/// with a fake logger collecting every log record. <see cref="SendAsync"/> drives either door.
/// </summary>
public sealed class TestClient : IDisposable
{
    private readonly ServiceProvider _services;

    public TestClient(RecordingHandler stub, Action<ApiAuthDiagnosticsOptions>? configure = null, string baseAddress = "https://api.openai.com/v1/", string name = "test")
    {
        Stub = stub;
        Logs = new FakeLogCollector();
        var services = new ServiceCollection();
        // Debug, not Trace: at Trace the factory's own logging handler enumerates (and so parses and normalizes) request
        // headers before ApiAuth sees them, which would hide the raw value a production pipeline carries.
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(Logs)));
        services.AddHttpClient(name, c => c.BaseAddress = new Uri(baseAddress))
            .ConfigurePrimaryHttpMessageHandler(() => stub)
            .AddApiAuthDiagnostics(configure);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
    }

    public RecordingHandler Stub { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => _services;

    public static TestClient OpenAI(HttpStatusCode status = HttpStatusCode.OK, string body = "{}", Action<ApiAuthDiagnosticsOptions>? configure = null, params (string, string)[] headers) =>
        new(RecordingHandler.Answering(status, body, "application/json", headers), configure);

    public Task<HttpResponseMessage> SendAsync(bool sync, HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        sync ? Task.FromResult(Client.Send(request, cancellationToken)) : Client.SendAsync(request, cancellationToken);

    public Task<HttpResponseMessage> PostAsync(bool sync, string? authorization = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent("{\"model\":\"gpt-4o\"}") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return SendAsync(sync, request);
    }

    public async Task<ApiAuthException> RefusedAsync(bool sync, string? authorization = null, params (string Name, string Value)[] headers)
    {
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => PostAsync(sync, authorization, headers));
        Assert.False(e.Failure.RequestWasSent);
        Assert.Null(e.Failure.StatusCode);
        Assert.Empty(Stub.Requests);
        return e;
    }

    public string AllLogText() => string.Join("\n", Logs.GetSnapshot().Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? [])));

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }
}
