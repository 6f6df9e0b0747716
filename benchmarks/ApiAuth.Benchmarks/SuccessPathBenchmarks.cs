using System.Net;
using System.Net.Http.Headers;
using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// The success path in every shape a credential arrives in, through both doors (Send and SendAsync).
/// Target: ApiAuth ≤ the empty-handler floor + 25 ns and 0 B over it, for every row.
/// The in-memory terminal completes synchronously, so the async door's task is already complete when it is unwrapped.
/// </summary>
[MemoryDiagnoser]
public class SuccessPathBenchmarks
{
    private static readonly Uri Endpoint = new("https://api.openai.com/v1/chat/completions");
    private static readonly byte[] RequestBody = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"u8.ToArray();

    private readonly ClientChains _chains = new();
    private HttpClient _plain = null!;
    private HttpClient _empty = null!;
    private HttpClient _apiAuth = null!;
    private AuthenticationHeaderValue _typed = null!;
    private string _repairable = null!;
    private string _organization = null!;
    private string _project = null!;
    private HttpCompletionOption _completion;

    [Params(HeaderScenario.Raw, HeaderScenario.Typed, HeaderScenario.DefaultHeadersTyped, HeaderScenario.OrgAndProject, HeaderScenario.RepairedKey, HeaderScenario.Streaming)]
    public HeaderScenario Scenario { get; set; }

    [Params(CallMode.Async, CallMode.Sync)]
    public CallMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        CachedResponseHandler terminal = Scenario == HeaderScenario.Streaming ? CachedResponseHandler.Streaming() : CachedResponseHandler.Ok();
        _completion = Scenario == HeaderScenario.Streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
        _typed = new AuthenticationHeaderValue("Bearer", Keys.OpenAI);
        _repairable = Keys.OpenAIBearer + "\n";
        _organization = "org-" + "Ab3Cd5Ef7Gh9Jk2Mn4Pq6Rs8";
        _project = "proj_" + "Tv1Wz3aB5cD7eF9gH2jK4mN6";
        _plain = new HttpClient(terminal, disposeHandler: false);
        _empty = _chains.Empty(terminal);
        _apiAuth = _chains.ApiAuth(terminal);
        foreach (HttpClient client in new[] { _plain, _empty, _apiAuth })
        {
            if (Scenario == HeaderScenario.DefaultHeadersTyped)
            {
                client.DefaultRequestHeaders.Authorization = _typed;
            }

            // The first request of a client is where ApiAuth analyses and caches a repair; it is not what is measured.
            if (Run(client).StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException("setup: expected 200");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _chains.Dispose();

    [Benchmark(Baseline = true, Description = "Plain HttpClient")]
    public HttpResponseMessage Plain() => Run(_plain);

    [Benchmark(Description = "Empty handler (floor)")]
    public HttpResponseMessage EmptyHandler() => Run(_empty);

    [Benchmark(Description = "ApiAuth")]
    public HttpResponseMessage ApiAuth() => Run(_apiAuth);

    private HttpResponseMessage Run(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(RequestBody) };
        HttpRequestHeaders headers = request.Headers;
        switch (Scenario)
        {
            case HeaderScenario.Raw:
            case HeaderScenario.Streaming:
                headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer);
                break;
            case HeaderScenario.Typed:
                headers.Authorization = _typed;
                break;
            case HeaderScenario.OrgAndProject:
                headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer);
                headers.TryAddWithoutValidation("OpenAI-Organization", _organization);
                headers.TryAddWithoutValidation("OpenAI-Project", _project);
                break;
            case HeaderScenario.RepairedKey:
                headers.TryAddWithoutValidation("Authorization", _repairable);
                break;
        }

        return Mode == CallMode.Sync
            ? client.Send(request, _completion)
            : client.SendAsync(request, _completion).GetAwaiter().GetResult();
    }
}
