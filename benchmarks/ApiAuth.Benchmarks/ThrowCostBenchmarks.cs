using ApiAuth.Benchmarks.Infrastructure;
using ApiAuth.Internal;
using ApiAuth.Providers;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// The throw, reported apart from classification: most of it is .NET's (stack trace capture and unwinding), not ApiAuth's.
/// Baseline: classify the OpenAI 401 without throwing. "Message only" builds the exception (ApiAuth's one-sentence message)
/// without throwing it; the two throw rows add .NET's throw/catch, with ApiAuth's exception and with a bare HttpRequestException.
/// </summary>
[MemoryDiagnoser]
public class ThrowCostBenchmarks
{
    private ErrorSample _sample = null!;
    private ProviderProfile _profile = null!;
    private HttpResponseMessage _response = null!;
    private SentCredential _sent;
    private AuthFailure _failure = null!;
    private string _host = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sample = ErrorSample.For(ErrorShape.OpenAI401);
        _host = _sample.Uri.IdnHost;
        _profile = ProviderRegistry.Default.ForHost(_host);
        _response = _sample.CreateResponse();
        _sent = new SentCredential { HeaderValue = _sample.KeyValue, KeyOffset = "Bearer ".Length };
        _failure = Classify();
    }

    [GlobalCleanup]
    public void Cleanup() => _response.Dispose();

    [Benchmark(Baseline = true, Description = "Classify (no throw)")]
    public AuthFailure Classify() => ErrorClassifier.Classify(_profile, _response, _sample.Body, _sent, _host)!;

    [Benchmark(Description = "Build ApiAuthException and read its message (built on first read), no throw")]
    public string BuildException() => new ApiAuthException(_failure).Message;

    [Benchmark(Description = "Classify + throw/catch ApiAuthException")]
    public int ClassifyAndThrow()
    {
        try
        {
            throw new ApiAuthException(Classify());
        }
        catch (ApiAuthException e)
        {
            return (int)e.Failure.Cause;
        }
    }

    [Benchmark(Description = "throw/catch HttpRequestException (.NET alone)")]
    public int ThrowHttpRequestException()
    {
        try
        {
            throw new HttpRequestException("Response status code does not indicate success: 401 (Unauthorized).");
        }
        catch (HttpRequestException e)
        {
            return e.HResult;
        }
    }
}
