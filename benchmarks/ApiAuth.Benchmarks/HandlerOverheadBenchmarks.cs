using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Benchmarks;

/// <summary>
/// What does a handler cost on a successful call? ApiAuth side by side with the handlers people already run:
/// the factory's default logging (no logger enabled), extended logging, an empty resilience pipeline and the standard one.
/// In-memory terminal handler returning a cached 200; POST with <c>Authorization: Bearer sk-proj-…</c> set as a raw header.
/// </summary>
[MemoryDiagnoser]
public class HandlerOverheadBenchmarks
{
    private static readonly Uri Endpoint = new("https://api.openai.com/v1/chat/completions");
    private static readonly byte[] RequestBody = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"u8.ToArray();

    private readonly ClientChains _chains = new();
    private CachedResponseHandler _terminal = null!;
    private HttpClient _plain = null!;
    private HttpClient _empty = null!;
    private HttpClient _minimal = null!;
    private HttpClient _apiAuth = null!;
    private HttpClient _factoryLogging = null!;
    private HttpClient _factoryLoggingApiAuth = null!;
    private HttpClient _extendedLogging = null!;
    private HttpClient _emptyResilience = null!;
    private HttpClient _standardResilience = null!;

    [GlobalSetup]
    public void Setup()
    {
        _terminal = CachedResponseHandler.Ok();
        _plain = new HttpClient(_terminal, disposeHandler: false);
        _empty = new HttpClient(new EmptyHandler(_terminal), disposeHandler: false);
        _minimal = new HttpClient(new MinimalCredentialCheckHandler(_terminal), disposeHandler: false);
        _apiAuth = _chains.ApiAuth(_terminal);
        _factoryLogging = _chains.Create(_terminal, static _ => { });
        _factoryLoggingApiAuth = _chains.Create(_terminal, static b => b.AddApiAuthDiagnostics());
        _extendedLogging = _chains.Create(_terminal, static b =>
        {
            b.Services.AddSingleton<IRedactorProvider>(NullRedactorProvider.Instance);
            b.RemoveAllLoggers().AddExtendedHttpClientLogging();
        });
        _emptyResilience = _chains.Create(_terminal, static b => b.RemoveAllLoggers().AddResilienceHandler("empty", static _ => { }));
        _standardResilience = _chains.Create(_terminal, static b => b.RemoveAllLoggers().AddStandardResilienceHandler());

        foreach (HttpClient client in new[] { _plain, _empty, _minimal, _apiAuth, _factoryLogging, _factoryLoggingApiAuth, _extendedLogging, _emptyResilience, _standardResilience })
        {
            if (Send(client).GetAwaiter().GetResult().StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException("setup: expected 200");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _chains.Dispose();

    [Benchmark(Baseline = true, Description = "Plain HttpClient")]
    public Task<HttpResponseMessage> Plain() => Send(_plain);

    [Benchmark(Description = "Empty DelegatingHandler (floor)")]
    public Task<HttpResponseMessage> EmptyHandler() => Send(_empty);

    [Benchmark(Description = "Minimal credential check (reference)")]
    public Task<HttpResponseMessage> MinimalCheck() => Send(_minimal);

    [Benchmark(Description = "ApiAuth")]
    public Task<HttpResponseMessage> ApiAuth() => Send(_apiAuth);

    [Benchmark(Description = "Factory default logging (disabled)")]
    public Task<HttpResponseMessage> FactoryLogging() => Send(_factoryLogging);

    [Benchmark(Description = "Factory default logging + ApiAuth")]
    public Task<HttpResponseMessage> FactoryLoggingApiAuth() => Send(_factoryLoggingApiAuth);

    [Benchmark(Description = "AddExtendedHttpClientLogging")]
    public Task<HttpResponseMessage> ExtendedLogging() => Send(_extendedLogging);

    [Benchmark(Description = "Empty resilience pipeline")]
    public Task<HttpResponseMessage> EmptyResilience() => Send(_emptyResilience);

    [Benchmark(Description = "AddStandardResilienceHandler")]
    public Task<HttpResponseMessage> StandardResilience() => Send(_standardResilience);

    private static Task<HttpResponseMessage> Send(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(RequestBody) };
        request.Headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer);
        return client.SendAsync(request);
    }
}
