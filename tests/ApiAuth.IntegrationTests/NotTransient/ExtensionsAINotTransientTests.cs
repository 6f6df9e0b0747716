using System.ClientModel;
using System.ClientModel.Primitives;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// Issue 10, "An auth failure is not a transient fault", for a Microsoft.Extensions.AI <see cref="IChatClient"/> over the
/// OpenAI SDK's ChatClient (<c>AsIChatClient()</c>), everything on its defaults. <see cref="IChatClient"/> is async only,
/// and it lets the OpenAI SDK's exceptions through as they are.
/// </summary>
public sealed class ExtensionsAINotTransientTests
{
    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_RevokedKeyDefaults_ApiAuthExceptionAfterOneRequest_Issue10()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai");
        IChatClient chat = NewChatClient(server, host, OpenAISdkTests.RevokedKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(RefusedKey.Placeholder)]
    [InlineData(RefusedKey.InnerSpace)]
    public async Task GetResponseAsync_RefusedKeyDefaults_ApiAuthExceptionWithoutRequest_Issue10(RefusedKey kind)
    {
        (string key, AuthFailureCause cause) = RefusedKeys.OpenAI(kind);
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai");
        IChatClient chat = NewChatClient(server, host, key);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Outcome.RefusedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, cause);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_RevokedKeyDefaults_ApiAuthExceptionAfterOneRequest_Issue10()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai");
        IChatClient chat = NewChatClient(server, host, OpenAISdkTests.RevokedKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken))
            {
                Assert.Fail("No update was expected: " + update.Text);
            }
        });

        Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey);
    }

    // The reference: the same pipeline without ApiAuth, where the 401 comes back as the OpenAI SDK's status error after one request.
    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_RevokedKeyWithoutApiAuth_ClientResultException401AfterOneRequest()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai", Stage.Nothing);
        IChatClient chat = NewChatClient(server, host, OpenAISdkTests.RevokedKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal([typeof(ClientResultException)], Outcome.Chain(thrown));
        Assert.Equal(401, ((ClientResultException)thrown).Status);
        Assert.Equal(1, host.Attempts.Count);
        Assert.Single(emulator.ReceivedRequests);
        Assert.Empty(host.Logs.ApiAuthEntries);
    }

    // Proof that the tests above can fail: an HttpRequestException from the handler chain is retried by the OpenAI SDK
    // under the IChatClient (its default policy's decisions; the sleep recorded, not waited).
    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_HandlerThrowsHttpRequestException_RetriedWithBackOff()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai", Stage.ThrowsHttpRequestException);
        var policy = new RecordingRetryPolicy();
        IChatClient chat = NewChatClient(server, host, OpenAISdkTests.GoodKey, policy);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(4, Assert.IsType<AggregateException>(thrown).InnerExceptions.Count);
        Assert.Equal(4, host.Attempts.Count);
        Assert.Equal(3, policy.Waits.Count);
    }

    private static IChatClient NewChatClient(EmulatorServer server, PipelineHost host, string key, RecordingRetryPolicy? policy = null)
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

        return new OpenAI.Chat.ChatClient(OpenAISdkTests.Model, new ApiKeyCredential(key), options).AsIChatClient();
    }
}
