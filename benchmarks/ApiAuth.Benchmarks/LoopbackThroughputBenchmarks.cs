using System.Net;
using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Benchmarks;

/// <summary>
/// Throughput on real sockets: a Kestrel server on 127.0.0.1, one <c>IHttpClientFactory</c> client, 64 concurrent callers,
/// a fixed number of requests per operation. Mean is wall time per request; Allocated is per request and counts the
/// whole process (client and server, same server in every row). Target: ApiAuth ≥ 97% of the baseline's requests/s,
/// allocations per request unchanged. Bounded: every row sends <see cref="Requests"/> requests per operation, a few operations.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[WarmupCount(3)]
[IterationCount(10)]
[InvocationCount(1, 1)]
public class LoopbackThroughputBenchmarks
{
    public const int Callers = 64;
    public const int Requests = Callers * 300;

    private static readonly byte[] RequestBody = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"u8.ToArray();

    private LoopbackServer _server = null!;
    private ServiceProvider _services = null!;
    private HttpClient _plain = null!;
    private HttpClient _empty = null!;
    private HttpClient _apiAuth = null!;
    private Uri _endpoint = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        _endpoint = new Uri(_server.Address, "/v1/chat/completions");
        var services = new ServiceCollection();
        services.AddHttpClient("plain");
        services.AddHttpClient("empty").AddHttpMessageHandler(() => new EmptyHandler());

        // Provider pinned: the host is 127.0.0.1, and plain http to loopback is allowed by default.
        services.AddHttpClient("apiauth").AddApiAuthDiagnostics(static o => o.Provider = "openai");
        _services = services.BuildServiceProvider();
        IHttpClientFactory factory = _services.GetRequiredService<IHttpClientFactory>();
        _plain = factory.CreateClient("plain");
        _empty = factory.CreateClient("empty");
        _apiAuth = factory.CreateClient("apiauth");
        foreach (HttpClient client in new[] { _plain, _empty, _apiAuth })
        {
            RunAsync(client, Callers).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests, Description = "Factory client")]
    public Task Plain() => RunAsync(_plain, Requests);

    [Benchmark(OperationsPerInvoke = Requests, Description = "Factory client + empty handler (floor)")]
    public Task EmptyHandler() => RunAsync(_empty, Requests);

    [Benchmark(OperationsPerInvoke = Requests, Description = "Factory client + ApiAuth")]
    public Task ApiAuth() => RunAsync(_apiAuth, Requests);

    private Task RunAsync(HttpClient client, int requests)
    {
        var callers = new Task[Callers];
        for (int i = 0; i < callers.Length; i++)
        {
            callers[i] = CallerAsync(client, requests / Callers);
        }

        return Task.WhenAll(callers);
    }

    private async Task CallerAsync(HttpClient client, int count)
    {
        await Task.Yield();
        for (int i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(RequestBody) };
            request.Headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer);
            using HttpResponseMessage response = await client.SendAsync(request).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"loopback answered {(int)response.StatusCode}");
            }
        }
    }
}
