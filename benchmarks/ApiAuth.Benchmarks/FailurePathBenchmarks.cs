using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// The failure path end to end, per provider body shape: the caller gets a 400/401/403 and looks at it.
/// The baseline looks at the status code alone; ApiAuth reads the bounded body, classifies it and builds the
/// <see cref="AuthFailure"/> (returned on the request with <c>ThrowOnFailure = false</c>, or thrown).
/// The two not-auth shapes must pass through: ApiAuth hands the response back with its body intact (checked in setup).
/// </summary>
[MemoryDiagnoser]
public class FailurePathBenchmarks
{
    private readonly ClientChains _chains = new();
    private ErrorSample _sample = null!;
    private HttpClient _plain = null!;
    private HttpClient _empty = null!;
    private HttpClient _apiAuth = null!;
    private HttpClient _apiAuthThrowing = null!;

    [Params(ErrorShape.OpenAI401, ErrorShape.Anthropic401, ErrorShape.Gemini400, ErrorShape.Azure401, ErrorShape.ProblemJson401, ErrorShape.Html401, ErrorShape.BearerHeaderOnly401, ErrorShape.NotAuth403, ErrorShape.NotAuth400)]
    public ErrorShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = ErrorSample.For(Shape);
        var terminal = new ErrorResponseHandler(_sample.CreateResponse);
        _plain = new HttpClient(terminal, disposeHandler: false);
        _empty = _chains.Empty(terminal);
        _apiAuth = _chains.ApiAuth(terminal, static o => o.ThrowOnFailure = false);
        _apiAuthThrowing = _chains.ApiAuth(terminal);
        Verify();
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
        using HttpRequestMessage request = _sample.CreateRequest();
        using HttpResponseMessage response = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }

    /// <summary>Auth shapes must be diagnosed, not-auth shapes handed back with the same bytes.</summary>
    private void Verify()
    {
        using HttpRequestMessage request = _sample.CreateRequest();
        using HttpResponseMessage response = _apiAuth.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        bool diagnosed = response.TryGetAuthFailure(out AuthFailure? failure);
        byte[] body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        if (diagnosed == _sample.PassesThrough)
        {
            throw new InvalidOperationException($"setup: {Shape} was {(diagnosed ? $"diagnosed as {failure!.Cause}" : "passed through")}");
        }

        if (!body.AsSpan().SequenceEqual(_sample.Body))
        {
            throw new InvalidOperationException($"setup: {Shape} body was not handed back intact");
        }

        if (!_sample.PassesThrough)
        {
            try
            {
                StatusOf(_apiAuthThrowing);
                throw new InvalidOperationException($"setup: {Shape} was not thrown");
            }
            catch (ApiAuthException)
            {
            }
        }
    }
}
