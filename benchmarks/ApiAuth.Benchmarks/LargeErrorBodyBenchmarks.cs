using System.Net;
using System.Text;
using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// A 401 whose body is huge (a proxy's page, a misbehaving gateway): 1 MiB and 1 GiB, generated on demand, never held in memory.
/// ApiAuth reads at most <see cref="ApiAuthDiagnosticsOptions.MaxErrorBodyBytes"/> (64 KiB by default) and classifies that prefix.
/// Target: allocated ≤ read cap + 64 KiB per request, the same for 1 MiB and 1 GiB. Setup checks how many bytes were read.
/// </summary>
[MemoryDiagnoser]
public class LargeErrorBodyBenchmarks
{
    private static readonly Uri Endpoint = new("https://api.openai.com/v1/chat/completions");

    private readonly ClientChains _chains = new();
    private byte[] _prefix = null!;
    private GeneratedBodyContent? _last;
    private HttpClient _plain = null!;
    private HttpClient _empty = null!;
    private HttpClient _apiAuth = null!;
    private HttpClient _apiAuthThrowing = null!;

    [Params(GeneratedBodyContent.OneMiB, GeneratedBodyContent.OneGiB)]
    public long BodyBytes { get; set; }

    [Params(CallMode.Async, CallMode.Sync)]
    public CallMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A real OpenAI 401 first, then padding inside a JSON string that never ends within the cap.
        _prefix = Encoding.UTF8.GetBytes(
            "{\"error\":{\"message\":\"Incorrect API key provided: " + Keys.OpenAIMasked + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"},\"padding\":\"");
        var terminal = new ErrorResponseHandler(() =>
        {
            _last = new GeneratedBodyContent(BodyBytes, _prefix, (byte)'a', "application/json");
            var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = _last };
            response.Headers.TryAddWithoutValidation("x-request-id", "req_7a81a64cbce64f9d0560ed3d4c5fe7c0");
            return response;
        });
        _plain = new HttpClient(terminal, disposeHandler: false);
        _empty = _chains.Empty(terminal);
        _apiAuth = _chains.ApiAuth(terminal, static o => o.ThrowOnFailure = false);
        _apiAuthThrowing = _chains.ApiAuth(terminal);

        ApiAuthReturned();
        long read = _last!.BytesRead;
        if (read > ApiAuthDiagnosticsOptions.DefaultMaxErrorBodyBytes)
        {
            throw new InvalidOperationException($"setup: ApiAuth read {read} bytes of a {BodyBytes}-byte body; the cap is {ApiAuthDiagnosticsOptions.DefaultMaxErrorBodyBytes}");
        }

        try
        {
            StatusOf(_apiAuthThrowing);
            throw new InvalidOperationException("setup: the 401 was not diagnosed");
        }
        catch (ApiAuthException)
        {
            // Which cause is the tests' business; here it only has to be diagnosed from the prefix.
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _chains.Dispose();

    [Benchmark(Baseline = true, Description = "Plain HttpClient (status only)")]
    public int Plain() => StatusOf(_plain);

    [Benchmark(Description = "Empty handler (floor)")]
    public int EmptyHandler() => StatusOf(_empty);

    [Benchmark(Description = "ApiAuth, failure returned")]
    public int ApiAuthReturned() => StatusOf(_apiAuth);

    [Benchmark(Description = "ApiAuth, failure thrown")]
    public int ApiAuthThrown()
    {
        try
        {
            return StatusOf(_apiAuthThrowing);
        }
        catch (ApiAuthException e)
        {
            return (int)e.Failure.Cause;
        }
    }

    private int StatusOf(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer);

        // ResponseHeadersRead: the caller does not buffer the body either (with the default, HttpClient would load all of it).
        using HttpResponseMessage response = Mode == CallMode.Sync
            ? client.Send(request, HttpCompletionOption.ResponseHeadersRead)
            : client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }
}
