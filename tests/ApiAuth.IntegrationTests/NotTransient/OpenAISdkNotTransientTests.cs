using System.ClientModel;
using System.ClientModel.Primitives;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// Issue 10, "An auth failure is not a transient fault", for the OpenAI SDK's <see cref="ChatClient"/> on its defaults
/// (System.ClientModel's <see cref="ClientRetryPolicy"/> with 3 retries; only the endpoint and the factory client's
/// transport are set). <see cref="HttpClientPipelineTransport"/> wraps only <see cref="HttpRequestException"/> (as a
/// <see cref="ClientResultException"/> with status 0, which the policy retries); <see cref="ApiAuthException"/> is not
/// one, so it reaches the caller itself, unwrapped, after one attempt.
/// </summary>
public sealed class OpenAISdkNotTransientTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public Task CompleteChat_RevokedKeySdkDefaults_ApiAuthExceptionAfterOneRequest_Issue10(Door door) =>
        CompleteChatFailing(door, Stage.ApiAuth, OpenAISdkTests.RevokedKey, policy: null, (thrown, host, emulator) =>
            Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey), TestContext.Current.CancellationToken);

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChatStreaming_RevokedKeySdkDefaults_ApiAuthExceptionAfterOneRequest_Issue10(Door door)
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai");
        ChatClient chat = NewChatClient(server, host, OpenAISdkTests.RevokedKey);

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChatStreaming([new UserChatMessage("Hi")]).Count(),
            async ct => await chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")], cancellationToken: ct).CountAsync(ct));

        Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_RevokedKeySdkDefaults_ApiAuthExceptionAfterOneRequest_Issue10(Door door)
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai");
        var embeddings = new EmbeddingClient(
            OpenAISdkTests.EmbeddingModel,
            new ApiKeyCredential(OpenAISdkTests.RevokedKey),
            new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1/"), Transport = new HttpClientPipelineTransport(host.CreateClient()) });

        Exception thrown = await Call.Failing(door,
            () => embeddings.GenerateEmbeddings(["one"]).Value,
            async ct => (await embeddings.GenerateEmbeddingsAsync(["one"], cancellationToken: ct)).Value);

        Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync, RefusedKey.Placeholder)]
    [InlineData(Door.Async, RefusedKey.Placeholder)]
    [InlineData(Door.Sync, RefusedKey.InnerSpace)]
    [InlineData(Door.Async, RefusedKey.InnerSpace)]
    public Task CompleteChat_RefusedKeySdkDefaults_ApiAuthExceptionWithoutRequest_Issue10(Door door, RefusedKey kind)
    {
        (string key, AuthFailureCause cause) = RefusedKeys.OpenAI(kind);
        return CompleteChatFailing(door, Stage.ApiAuth, key, policy: null, (thrown, host, emulator) =>
            Outcome.RefusedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, cause), TestContext.Current.CancellationToken);
    }

    // The SDK's back-off sleeps on the real clock; the default policy with its sleep recorded shows that none is asked for.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync, null)]
    [InlineData(Door.Async, null)]
    [InlineData(Door.Sync, RefusedKey.Placeholder)]
    [InlineData(Door.Async, RefusedKey.Placeholder)]
    [InlineData(Door.Sync, RefusedKey.InnerSpace)]
    [InlineData(Door.Async, RefusedKey.InnerSpace)]
    public Task CompleteChat_AuthFailureDefaultRetryPolicy_NoBackOff_Issue10(Door door, RefusedKey? refused)
    {
        string key = refused is { } kind ? RefusedKeys.OpenAI(kind).Key : OpenAISdkTests.RevokedKey;
        var policy = new RecordingRetryPolicy();
        return CompleteChatFailing(door, Stage.ApiAuth, key, policy, (thrown, host, emulator) =>
        {
            Assert.Empty(policy.Waits);
            Assert.Equal(1, host.Attempts.Count);
            Assert.Equal(refused is null ? 1 : 0, emulator.ReceivedRequests.Count);
            Assert.IsType<ApiAuthException>(thrown);
        }, TestContext.Current.CancellationToken);
    }

    // The reference: the same pipeline without ApiAuth. The SDK turns the 401 into its own status error and does not retry it.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public Task CompleteChat_RevokedKeyWithoutApiAuth_ClientResultException401AfterOneRequest(Door door)
    {
        var policy = new RecordingRetryPolicy();
        return CompleteChatFailing(door, Stage.Nothing, OpenAISdkTests.RevokedKey, policy, (thrown, host, emulator) =>
        {
            var status = Assert.IsType<ClientResultException>(thrown);
            Assert.Equal(401, status.Status);
            Assert.Null(status.InnerException);
            Assert.False(thrown.TryGetAuthFailure(out _));
            Assert.Equal(1, host.Attempts.Count);
            Assert.Single(emulator.ReceivedRequests);
            Assert.Empty(policy.Waits);
            Assert.Empty(host.Logs.ApiAuthEntries);
        }, TestContext.Current.CancellationToken);
    }

    // Proof that the tests above can fail: an HttpRequestException from the handler chain (what ApiAuthException was) is
    // wrapped, retried 3 times with back-off, and surfaces as an AggregateException of 4 wrappers.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public Task CompleteChat_HandlerThrowsHttpRequestException_RetriedWithBackOff(Door door)
    {
        var policy = new RecordingRetryPolicy();
        return CompleteChatFailing(door, Stage.ThrowsHttpRequestException, OpenAISdkTests.GoodKey, policy, (thrown, host, emulator) =>
        {
            var retried = Assert.IsType<AggregateException>(thrown);
            Assert.Equal(4, retried.InnerExceptions.Count);
            Assert.All(retried.InnerExceptions, e =>
            {
                Assert.Equal(0, Assert.IsType<ClientResultException>(e).Status);
                Assert.IsType<HttpRequestException>(e.InnerException);
            });
            Assert.Equal(4, host.Attempts.Count);
            Assert.Equal(3, policy.Waits.Count);
            Assert.All(policy.Waits, w => Assert.True(w > TimeSpan.Zero));
            TestContext.Current.TestOutputHelper?.WriteLine($"back-off asked for: {string.Join(", ", policy.Waits)} (total {policy.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b)})");
            Assert.Empty(emulator.ReceivedRequests);
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>The OpenAI SDK on its defaults: only the emulator's endpoint and the factory client's transport are set (and, where a test says so, the default retry policy with its sleep recorded).</summary>
    private static ChatClient NewChatClient(EmulatorServer server, PipelineHost host, string key, RecordingRetryPolicy? policy = null)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "v1/"),
            Transport = new HttpClientPipelineTransport(host.CreateClient()),
        };
        if (policy is not null)
        {
            options.RetryPolicy = policy;
        }

        return new ChatClient(OpenAISdkTests.Model, new ApiKeyCredential(key), options);
    }

    /// <summary>
    /// Calls CompleteChat with <paramref name="key"/> through a factory client with <paramref name="stage"/> at ApiAuth's
    /// place (and <paramref name="policy"/>, if given, as the SDK's retry policy), expecting it to throw;
    /// <paramref name="assert"/> checks what was thrown while the emulator and the pipeline are still up.
    /// </summary>
    private static async Task CompleteChatFailing(Door door, Stage stage, string key, RecordingRetryPolicy? policy, Action<Exception, PipelineHost, ProviderEmulator> assert, CancellationToken cancellationToken)
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(cancellationToken);
        await using var host = PipelineHost.Create("openai", stage);
        ChatClient chat = NewChatClient(server, host, key, policy);

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        assert(thrown, host, emulator);
    }
}
