using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using ApiAuth.Benchmarks.Infrastructure;
using ApiAuth.Internal;
using ApiAuth.Providers;
using Microsoft.Extensions.DependencyInjection;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// Where the success path's time goes (issue 15), step by step, on one request built once and read again and again (every
/// step only reads it). The baseline is the one header read every credential check needs; <c>Inspect</c> is the whole pre-send
/// decision as the handler makes it (OpenAI profile, the client's memo tables warm). The other rows are its parts.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SuccessDecompositionBenchmarks
{
    private static readonly Uri Endpoint = new("https://api.openai.com/v1/chat/completions");

    private HttpRequestMessage _request = null!;
    private ClientSnapshot _snapshot = null!;
    private ProviderProfile _profile = null!;
    private HandlerSettings _settings = null!;
    private Inspection _inspection;

    private readonly ClientChains _chains = new();
    private HttpMessageInvoker _without = null!;
    private HttpMessageInvoker _withApiAuth = null!;
    private HttpMessageHandler _withApiAuthHandler = null!;

    [GlobalSetup]
    public void Setup()
    {
        CachedResponseHandler ok = CachedResponseHandler.Ok();
        _without = new HttpMessageInvoker(_chains.Chain(ok, static b => b.RemoveAllLoggers()), disposeHandler: false);
        _withApiAuthHandler = _chains.Chain(ok, static b => b.RemoveAllLoggers().AddApiAuthDiagnostics());
        _withApiAuth = new HttpMessageInvoker(_withApiAuthHandler, disposeHandler: false);
        _request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent([1, 2, 3]) };
        _request.Headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer);
        _settings = new HandlerSettings(new ApiAuthDiagnosticsOptions(), ProviderRegistry.Default);
        _snapshot = new ClientSnapshot(_settings, new HeaderStyleCache());
        _profile = _snapshot.ProfileFor(Endpoint);
        _inspection = InspectNow();
        if (_inspection.Refusal is not null || _inspection.Sent.HeaderValue is null)
        {
            throw new InvalidOperationException("setup: the request must pass");
        }
    }

    [Benchmark(Baseline = true, Description = "Read Authorization (raw, NonValidated)")]
    public string? ReadAuthorization() => HeaderReader.TryGetFirst(_request.Headers, "Authorization");

    [GlobalCleanup]
    public void Cleanup() => _chains.Dispose();

    [Benchmark(Description = "Chain without ApiAuth (HttpMessageInvoker.Send, same request)")]
    public HttpResponseMessage ChainWithout() => _without.Send(_request, CancellationToken.None);

    [Benchmark(Description = "Chain with ApiAuth (HttpMessageInvoker.Send, same request)")]
    public HttpResponseMessage ChainWithApiAuth() => _withApiAuth.Send(_request, CancellationToken.None);

    [Benchmark(Description = "Chain with ApiAuth (HttpMessageInvoker.SendAsync, same request)")]
    public HttpResponseMessage ChainWithApiAuthAsync() => _withApiAuth.SendAsync(_request, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Description = "Chain without ApiAuth (HttpMessageInvoker.SendAsync, same request)")]
    public HttpResponseMessage ChainWithoutAsync() => _without.SendAsync(_request, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Description = "The handler's Inspect (snapshot, profile, policy into the handler's frame)")]
    public object HandlerInspect()
    {
        HandlerSettings settings = HandlerInspect((ApiAuthDiagnosticsHandler)_withApiAuthHandler, _request, out Inspection inspection);
        return inspection.Refusal ?? (object)settings;
    }

    [Benchmark(Description = "Inspect (whole pre-send decision)")]
    public object? Inspect() => InspectNow().Refusal;

    [Benchmark(Description = "Profile for the URI (remembered host)")]
    public object Profile() => _snapshot.ProfileFor(_request.RequestUri);

    [Benchmark(Description = "Is the key clean (SearchValues scan)")]
    public bool IsClean() => CredentialSanitizer.IsClean(Keys.OpenAIBearer, "Bearer");

    [Benchmark(Description = "Compare with the last validated key (ordinal)")]
    public bool CompareLast() => string.Equals(Keys.OpenAIBearer, _inspection.Sent.HeaderValue, StringComparison.Ordinal);

    [Benchmark(Description = "OpenAI-Organization + OpenAI-Project lookups (two misses)")]
    public bool OrgProjectMisses() =>
        HeaderReader.TryGetSingle(_request.Headers, "OpenAI-Organization", out _, out _) | HeaderReader.TryGetSingle(_request.Headers, "OpenAI-Project", out _, out _);

    [Benchmark(Description = "Other request headers present? (count)")]
    public int OtherHeaders() => _request.Headers.NonValidated.Count;

    [Benchmark(Description = "Content headers probe (MayCarry)")]
    public bool ContentProbe() => CredentialLocator.MayCarry(_request.Content, out _);

    [Benchmark(Description = "Carry the whole Inspection by value (what Exchange held before issue 15)")]
    public object CarryInspection() => Carry(_request, _inspection, _settings);

    [Benchmark(Description = "Carry the Exchange by value (request, profile, sent, settings)")]
    public HttpRequestMessage CarryExchange() => Carry(new Exchange(_request, _profile, _inspection.Sent, _settings));

    private Inspection InspectNow() => CredentialPolicy.Inspect(_request, _profile, _settings, TimeProvider.System, _snapshot.Caches);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "Inspect")]
    private static extern HandlerSettings HandlerInspect(ApiAuthDiagnosticsHandler handler, HttpRequestMessage request, out Inspection inspection);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static HttpRequestMessage Carry(Exchange exchange) => exchange.Request;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object Carry(HttpRequestMessage request, Inspection inspection, HandlerSettings settings) => inspection.Profile ?? (object)request ?? settings;
}
