using System.Net;
using System.Net.Http.Headers;
using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Benchmarks;

/// <summary>
/// Issue 15's table, row by row, on both doors (<see cref="Mode"/>): each category's baseline is the same
/// <c>IHttpClientFactory</c> chain without ApiAuth (factory loggers removed, in-memory terminal), built by the same factory code
/// as the ApiAuth client, in the same run. Read each ApiAuth row as its difference from its category's baseline.
/// <list type="bullet">
/// <item><c>Raw</c>: success, <c>Authorization</c> added raw (System.ClientModel's way). Target ≤ +50 ns, 0 B.</item>
/// <item><c>Typed</c>: success, typed <c>client.DefaultRequestHeaders.Authorization</c>. Target ≤ +50 ns, 0 B.</item>
/// <item><c>401</c>: OpenAI's <c>invalid_api_key</c>; the baseline looks at the status alone. ApiAuth classified and returned
/// (<c>ThrowOnFailure = false</c>, the failure read from the response): target ≤ +1.5 µs, ≤ +1.5 KB. Thrown: no more over
/// returned than .NET's own throw/catch of an empty exception costs over the baseline (the last row, same run).</item>
/// </list>
/// The synchronous <c>Send</c> row of the issue is <c>Mode = Sync</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Issue15Benchmarks
{
    private const string Raw = "Success raw";
    private const string Typed = "Success typed default";
    private const string Failure = "401 invalid_api_key";

    private static readonly Uri Endpoint = new("https://api.openai.com/v1/chat/completions");
    private static readonly byte[] RequestBody = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"u8.ToArray();

    private readonly ClientChains _chains = new();
    private ErrorSample _sample = null!;
    private HttpClient _okWithout = null!;
    private HttpClient _okApiAuth = null!;
    private HttpClient _typedWithout = null!;
    private HttpClient _typedApiAuth = null!;
    private HttpClient _failWithout = null!;
    private HttpClient _failReturned = null!;
    private HttpClient _failThrown = null!;
    private HttpClient _failWithoutThrowing = null!;

    [Params(CallMode.Async, CallMode.Sync)]
    public CallMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        CachedResponseHandler ok = CachedResponseHandler.Ok();
        _okWithout = _chains.Without(ok);
        _okApiAuth = _chains.ApiAuth(ok);
        _typedWithout = _chains.Without(ok);
        _typedApiAuth = _chains.ApiAuth(ok);
        var typed = new AuthenticationHeaderValue("Bearer", Keys.OpenAI);
        _typedWithout.DefaultRequestHeaders.Authorization = typed;
        _typedApiAuth.DefaultRequestHeaders.Authorization = typed;

        _sample = ErrorSample.For(ErrorShape.OpenAI401);
        var failing = new ErrorResponseHandler(_sample.CreateResponse);
        _failWithout = _chains.Without(failing);
        _failReturned = _chains.ApiAuth(failing, static o => o.ThrowOnFailure = false);
        _failThrown = _chains.ApiAuth(failing);
        _failWithoutThrowing = _chains.Create(failing, static b => b.RemoveAllLoggers().AddHttpMessageHandler(static () => new ThrowOn401Handler()));
        Verify();
    }

    [GlobalCleanup]
    public void Cleanup() => _chains.Dispose();

    [Benchmark(Baseline = true, Description = "Without ApiAuth")]
    [BenchmarkCategory(Raw)]
    public HttpStatusCode RawWithout() => Success(_okWithout, raw: true);

    [Benchmark(Description = "ApiAuth")]
    [BenchmarkCategory(Raw)]
    public HttpStatusCode RawApiAuth() => Success(_okApiAuth, raw: true);

    [Benchmark(Baseline = true, Description = "Without ApiAuth")]
    [BenchmarkCategory(Typed)]
    public HttpStatusCode TypedWithout() => Success(_typedWithout, raw: false);

    [Benchmark(Description = "ApiAuth")]
    [BenchmarkCategory(Typed)]
    public HttpStatusCode TypedApiAuth() => Success(_typedApiAuth, raw: false);

    [Benchmark(Baseline = true, Description = "Without ApiAuth (status only)")]
    [BenchmarkCategory(Failure)]
    public int FailureWithout() => StatusOf(_failWithout);

    [Benchmark(Description = "ApiAuth, classified and returned")]
    [BenchmarkCategory(Failure)]
    public int FailureReturned()
    {
        using HttpRequestMessage request = _sample.CreateRequest();
        using HttpResponseMessage response = Send(_failReturned, request, HttpCompletionOption.ResponseHeadersRead);
        return response.TryGetAuthFailure(out AuthFailure? failure) ? (int)failure.Cause : (int)response.StatusCode;
    }

    [Benchmark(Description = "ApiAuth, thrown")]
    [BenchmarkCategory(Failure)]
    public int FailureThrown()
    {
        try
        {
            return StatusOf(_failThrown);
        }
        catch (ApiAuthException e)
        {
            return (int)e.Failure.Cause;
        }
    }

    [Benchmark(Description = "Without ApiAuth + throw/catch of an empty Exception (.NET's share)")]
    [BenchmarkCategory(Failure)]
    public int FailureWithoutPlusThrow()
    {
        int status = StatusOf(_failWithout);
        try
        {
            throw new Exception();
        }
        catch (Exception e)
        {
            return status + (e.HResult & 1);
        }
    }

    [Benchmark(Description = "Without ApiAuth + a handler throwing an empty Exception on the 401 (the same chain's throw)")]
    [BenchmarkCategory(Failure)]
    public int FailureWithoutThrownByHandler()
    {
        try
        {
            return StatusOf(_failWithoutThrowing);
        }
        catch (Exception e)
        {
            return e.HResult & 1;
        }
    }

    private HttpStatusCode Success(HttpClient client, bool raw)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(RequestBody) };
        if (raw)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer);
        }

        return Send(client, request, HttpCompletionOption.ResponseContentRead).StatusCode;
    }

    private int StatusOf(HttpClient client)
    {
        using HttpRequestMessage request = _sample.CreateRequest();
        using HttpResponseMessage response = Send(client, request, HttpCompletionOption.ResponseHeadersRead);
        return (int)response.StatusCode;
    }

    private HttpResponseMessage Send(HttpClient client, HttpRequestMessage request, HttpCompletionOption completion) =>
        Mode == CallMode.Sync
            ? client.Send(request, completion)
            : client.SendAsync(request, completion).GetAwaiter().GetResult();

    /// <summary>Every client answers as the row says: 200s pass, the 401 is diagnosed as an invalid key, returned or thrown.</summary>
    private void Verify()
    {
        foreach ((HttpClient client, bool raw) in new[] { (_okWithout, true), (_okApiAuth, true), (_typedWithout, false), (_typedApiAuth, false) })
        {
            if (Success(client, raw) != HttpStatusCode.OK)
            {
                throw new InvalidOperationException("setup: expected 200");
            }
        }

        if (FailureWithout() != 401 || FailureReturned() != (int)AuthFailureCause.InvalidKey || FailureThrown() != (int)AuthFailureCause.InvalidKey)
        {
            throw new InvalidOperationException("setup: the 401 was not diagnosed as InvalidKey on every row");
        }
    }
}
