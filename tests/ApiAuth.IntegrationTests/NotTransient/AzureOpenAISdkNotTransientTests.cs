using System.ClientModel;
using System.ClientModel.Primitives;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using Azure.AI.OpenAI;
using OpenAI.Embeddings;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// Issue 10, "An auth failure is not a transient fault", for Azure.AI.OpenAI's <see cref="AzureOpenAIClient"/> on its
/// defaults (only the factory client's transport is set), through embeddings: chat through <see cref="AzureOpenAIClient"/>
/// fails in the package pair served here before any request is built (see <see cref="AzureOpenAISdkTests"/>).
/// </summary>
public sealed class AzureOpenAISdkNotTransientTests
{
    private const string EmbeddingDeployment = "text-embedding-3-small";

    private static readonly string GoodKey = TestKeys.Azure('a', "b0c1");
    private static readonly string RevokedKey = TestKeys.Azure('e', "f2f3");

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_RevokedKeySdkDefaults_ApiAuthExceptionAfterOneRequest_Issue10(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("azure-openai");
        EmbeddingClient embeddings = NewClient(server, host, RevokedKey).GetEmbeddingClient(EmbeddingDeployment);

        Exception thrown = await EmbedFailing(door, embeddings);

        // Azure answers a revoked key as it answers any key it does not know: "invalid subscription key or wrong API
        // endpoint", which the profile diagnoses as the key/endpoint pair.
        Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.WrongEndpoint);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync, RefusedKey.Placeholder)]
    [InlineData(Door.Async, RefusedKey.Placeholder)]
    [InlineData(Door.Sync, RefusedKey.InnerSpace)]
    [InlineData(Door.Async, RefusedKey.InnerSpace)]
    public async Task GenerateEmbeddings_RefusedKeySdkDefaults_ApiAuthExceptionWithoutRequest_Issue10(Door door, RefusedKey kind)
    {
        (string key, AuthFailureCause cause) = RefusedKeys.Azure(kind);
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("azure-openai");
        EmbeddingClient embeddings = NewClient(server, host, key).GetEmbeddingClient(EmbeddingDeployment);

        Exception thrown = await EmbedFailing(door, embeddings);

        Outcome.RefusedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, cause);
    }

    // The reference: the same pipeline without ApiAuth, where the 401 comes back as the SDK's status error after one request.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_RevokedKeyWithoutApiAuth_ClientResultException401AfterOneRequest(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("azure-openai", Stage.Nothing);
        EmbeddingClient embeddings = NewClient(server, host, RevokedKey).GetEmbeddingClient(EmbeddingDeployment);

        Exception thrown = await EmbedFailing(door, embeddings);

        Assert.Equal([typeof(ClientResultException)], Outcome.Chain(thrown));
        Assert.Equal(401, ((ClientResultException)thrown).Status);
        Assert.Equal(1, host.Attempts.Count);
        Assert.Single(emulator.ReceivedRequests);
        Assert.Empty(host.Logs.ApiAuthEntries);
    }

    // Proof that the tests above can fail: an HttpRequestException from the handler chain is retried (the default
    // policy's decisions; the sleep recorded, not waited).
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_HandlerThrowsHttpRequestException_RetriedWithBackOff(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("azure-openai", Stage.ThrowsHttpRequestException);
        var policy = new RecordingRetryPolicy();
        EmbeddingClient embeddings = NewClient(server, host, GoodKey, policy).GetEmbeddingClient(EmbeddingDeployment);

        Exception thrown = await EmbedFailing(door, embeddings);

        Assert.Equal(4, Assert.IsType<AggregateException>(thrown).InnerExceptions.Count);
        Assert.Equal(4, host.Attempts.Count);
        Assert.Equal(3, policy.Waits.Count);
    }

    private static ProviderEmulator NewEmulator() =>
        new ProviderEmulator(EmulatedProvider.AzureOpenAI)
            .WithKey(GoodKey)
            .WithRevokedKey(RevokedKey)
            .WithDeployments(EmbeddingDeployment);

    /// <summary>The SDK on its defaults: only the factory client's transport is set (and, where a test says so, the default retry policy with its sleep recorded).</summary>
    private static AzureOpenAIClient NewClient(EmulatorServer server, PipelineHost host, string key, RecordingRetryPolicy? policy = null)
    {
        var options = new AzureOpenAIClientOptions { Transport = new HttpClientPipelineTransport(host.CreateClient()) };
        if (policy is not null)
        {
            options.RetryPolicy = policy;
        }

        return new AzureOpenAIClient(server.BaseAddress, new ApiKeyCredential(key), options);
    }

    private static Task<Exception> EmbedFailing(Door door, EmbeddingClient embeddings) =>
        Call.Failing(door,
            () => embeddings.GenerateEmbeddings(["one"]).Value,
            async ct => (await embeddings.GenerateEmbeddingsAsync(["one"], cancellationToken: ct)).Value);
}
