using System.Net.Http.Headers;
using ApiAuth.Internal;
using ApiAuth.Providers;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>The scenarios <see cref="AllocationProbe"/> runs: the success path per header shape, and the OpenAI 401 failure path.</summary>
internal static class AllocationProbes
{
    private static readonly Uri Endpoint = new("https://api.openai.com/v1/chat/completions");

    public static void RunAll()
    {
        using var chains = new ClientChains();
        CachedResponseHandler ok = CachedResponseHandler.Ok();
        HttpClient empty = chains.Empty(ok);
        HttpClient apiAuth = chains.ApiAuth(ok);
        var typed = new AuthenticationHeaderValue("Bearer", Keys.OpenAI);
        foreach ((string name, Action<HttpRequestMessage> set) in new (string, Action<HttpRequestMessage>)[]
        {
            ("raw header", static r => r.Headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer)),
            ("typed header", r => r.Headers.Authorization = typed),
            ("repaired key", static r => r.Headers.TryAddWithoutValidation("Authorization", Keys.OpenAIBearer + "\n")),
        })
        {
            foreach ((string client, HttpClient c) in new[] { ("empty handler", empty), ("ApiAuth", apiAuth) })
            {
                AllocationProbe.Run($"success, {name}, {client}", 200_000, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
                    set(request);
                    c.SendAsync(request).GetAwaiter().GetResult();
                });
            }
        }

        ErrorSample sample = ErrorSample.For(ErrorShape.OpenAI401);
        string host = sample.Uri.IdnHost;
        ProviderProfile profile = ProviderRegistry.Default.ForHost(host);
        HttpResponseMessage response = sample.CreateResponse();
        var sent = new SentCredential { HeaderValue = sample.KeyValue, KeyOffset = "Bearer ".Length };
        AllocationProbe.Run("classify OpenAI 401 (status + headers only)", 50_000, () => ErrorClassifier.Classify(profile, response, ReadOnlySpan<byte>.Empty, sent, host));
        AllocationProbe.Run("classify OpenAI 401 (body)", 50_000, () => ErrorClassifier.Classify(profile, response, sample.Body, sent, host));

        var terminal = new ErrorResponseHandler(sample.CreateResponse);
        HttpClient failing = chains.ApiAuth(terminal, static o => o.ThrowOnFailure = false);
        HttpClient plainFailing = new(terminal, disposeHandler: false);
        foreach ((string client, HttpClient c) in new[] { ("plain", plainFailing), ("ApiAuth, returned", failing) })
        {
            AllocationProbe.Run($"OpenAI 401 through the handler, {client}", 50_000, () =>
            {
                using HttpRequestMessage request = sample.CreateRequest();
                using HttpResponseMessage r = c.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            });
        }
    }
}
