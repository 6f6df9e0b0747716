using System.Buffers;
using System.Reflection;
using ApiAuth.Benchmarks.Infrastructure;
using ApiAuth.Internal;
using ApiAuth.Providers;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// Where the OpenAI 401's time and bytes go (issue 15), step by step, each as the handler runs it on a repeated failure (the
/// client's echo matcher kept). Baseline: a fresh 401 response created (what the terminal does for every row of the end-to-end
/// benchmark). Read the other rows as their own cost; <c>Issue15Benchmarks</c> has the end-to-end numbers they add up to.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FailureDecompositionBenchmarks
{
    private ErrorSample _sample = null!;
    private ProviderProfile _profile = null!;
    private SentCredential _sent;
    private KeyEchoMatcher _matcher = null!;
    private HttpResponseMessage _response = null!;
    private ErrorFacts _facts = null!;
    private string _message = null!;
    private string _requestId = null!;
    private AuthFailure _failure = null!;
    private Uri _uri = null!;
    private SearchValues<string> _phrases = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sample = ErrorSample.For(ErrorShape.OpenAI401);
        _uri = _sample.Uri;
        _profile = ProviderRegistry.Default.ForHost(_uri.IdnHost);
        _sent = new SentCredential { HeaderValue = _sample.KeyValue, KeyOffset = "Bearer ".Length, Carrier = "Authorization" };
        _matcher = KeyEchoMatcher.For(_sent.KeyString)!;
        _response = _sample.CreateResponse();
        _facts = ErrorClassifier.ReadFacts(_response, _sample.Body);
        _message = _facts.Message!;
        _requestId = "req_7a81a64cbce64f9d0560ed3d4c5fe7c0";
        _failure = Classify()!;

        // CauseWording's phrases, read from its private tables (the reference row needs the same list, not a copy of it).
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;
        var either = (string[])typeof(CauseWording).GetField("EitherPhrases", Private)!.GetValue(null)!;
        var table = ((AuthFailureCause, string[], string?)[])typeof(CauseWording).GetField("Table", Private)!.GetValue(null)!;
        _phrases = SearchValues.Create([.. either, .. table.SelectMany(static t => t.Item2)], StringComparison.OrdinalIgnoreCase);
        if (_failure.Cause != AuthFailureCause.InvalidKey)
        {
            throw new InvalidOperationException("setup: expected InvalidKey");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _response.Dispose();

    [Benchmark(Baseline = true, Description = "Create the 401 response (the terminal's share)")]
    public HttpResponseMessage CreateResponse() => _sample.CreateResponse();

    [Benchmark(Description = "Read the body (bounded, timed: two CancellationTokenSources)")]
    public int ReadBody()
    {
        using HttpResponseMessage response = _sample.CreateResponse();
        return ErrorBodyReader.Read(response.Content, 65536, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None).Length;
    }

    [Benchmark(Description = "Hand the body back (ReplayContent, headers copied)")]
    public HttpContent HandBack()
    {
        HttpResponseMessage response = _sample.CreateResponse();
        ErrorBody body = ErrorBodyReader.Read(response.Content, 65536, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
        return body.ToContent(response.Content);
    }

    [Benchmark(Description = "Parse (Utf8JsonReader) into ErrorFacts")]
    public object Parse() => ErrorClassifier.ReadFacts(_response, _sample.Body);

    [Benchmark(Description = "Classify, matcher kept (parse, rules, redaction, AuthFailure)")]
    public AuthFailure? Classify() => ErrorClassifier.Classify(_profile, _response, _sample.Body, _sent, new RequestSummary(_uri, _uri.IdnHost, null), _matcher);

    [Benchmark(Description = "Classify, no matcher kept (offline API; first failure of a key)")]
    public AuthFailure? ClassifyFresh() => ErrorClassifier.Classify(_profile, _response, _sample.Body, _sent, new RequestSummary(_uri, _uri.IdnHost, null));

    [Benchmark(Description = "CauseWording.TryName on the 401's text (one SearchValues pass over the statement window; per phrase only on a hit)")]
    public bool CauseWordingToday() => CauseWording.TryName(_facts.AllText, out _, out _);

    [Benchmark(Description = "Every phrase as one SearchValues<string> over the whole text, non-ASCII included (reference: the earlier prefilter design)")]
    public int CauseWordingPrefilter() => _facts.AllText.AsSpan().IndexOfAny(_phrases);

    [Benchmark(Description = "Build the echo matcher for the key (once per key and client)")]
    public object? Matcher() => KeyEchoMatcher.For(_sent.KeyString);

    [Benchmark(Description = "Redact the server message (remembered: nothing to hide)")]
    public string RedactMessageRemembered() => SecretRedactor.RedactWith(_message, _matcher, remember: true);

    [Benchmark(Description = "Redact the server message (normalized and scanned)")]
    public string RedactMessage() => SecretRedactor.RedactWith(_message, _matcher, remember: false);

    [Benchmark(Description = "Redact the request id (plain: judged on its span)")]
    public string? RedactRequestId() => SecretRedactor.RedactIdWith(_requestId, _matcher);

    [Benchmark(Description = "Redact the request id through the normalized views (the path before issue 15's fast path; still used for ids that are not plain)")]
    public string? RedactRequestIdNormalized() => SecretRedactor.RedactIdNormalized(_requestId, _matcher, remember: false);

    [Benchmark(Description = "Redact the error code")]
    public string? RedactCode() => SecretRedactor.RedactIdWith("invalid_api_key", _matcher);

    [Benchmark(Description = "Key hint (sent.Hint)")]
    public string? Hint() => _sent.Hint;

    [Benchmark(Description = "Render the remediation (lazy: only when read)")]
    public string Remediation() => new AuthFailure(AuthFailureCause.InvalidKey, _profile, new RemediationContext { Host = _uri.IdnHost, KeyHint = _failure.KeyHint, RequestId = _requestId }, null).Remediation;

    [Benchmark(Description = "ApiAuthException: construct, throw, catch (message not read)")]
    public int Throw()
    {
        try
        {
            throw new ApiAuthException(_failure);
        }
        catch (ApiAuthException e)
        {
            return (int)e.Failure.Cause;
        }
    }

    [Benchmark(Description = "Exception: construct, throw, catch (.NET alone)")]
    public int ThrowEmpty()
    {
        try
        {
            throw new Exception();
        }
        catch (Exception e)
        {
            return e.HResult;
        }
    }

    [Benchmark(Description = "ApiAuthException.Message (built when read)")]
    public string Message() => new ApiAuthException(_failure).Message;
}
