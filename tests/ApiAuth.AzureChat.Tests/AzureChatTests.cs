using System.ClientModel;
using System.ClientModel.Primitives;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace ApiAuth.AzureChat.Tests;

/// <summary>
/// Issue 12: <see cref="AzureOpenAIClient"/> chat, sync and async, with the OpenAI package Azure.AI.OpenAI 2.1.0 itself
/// depends on (2.1.0, pinned in the project file), over a factory client with ApiAuth, against the loopback emulator's
/// azure-openai mode — the way Azure users run it, without the v1-endpoint workaround.
/// </summary>
public sealed class AzureChatTests
{
    private const string Deployment = "gpt-4o-mini";
    private const string Completion = "Hello from Azure chat.";

    private static readonly string GoodKey = TestKeys.Azure('a', "c0d1");
    private static readonly string RevokedKey = TestKeys.Azure('b', "e2f3");

    [Fact]
    public void OpenAIPackage_IsTheVersionAzureAIOpenAIDependsOn_Issue12()
    {
        // Guards the VersionOverride: if central management or a transitive reference lifted OpenAI, this project would
        // test the combination the integration tests already cover, not the one Azure users get.
        Assert.Equal(new Version(2, 1, 0, 0), typeof(ChatClient).Assembly.GetName().Version);
        Assert.StartsWith("2.1.0", typeof(AzureOpenAIClient).Assembly.GetName().Version!.ToString(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_GoodKey_ReturnsCompletionWithKeyInApiKeyHeader_Issue12(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        ChatClient chat = Client(server, host, GoodKey + "\n").GetChatClient(Deployment);

        ChatCompletion completion = await Complete(door, chat);

        Assert.Equal(Completion, completion.Content[0].Text);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(200, received.StatusCode);
        Assert.Equal($"/openai/deployments/{Deployment}/chat/completions", received.Path);

        // The trailing newline was repaired: the server got the clean key, in the header Azure reads.
        Assert.Equal(GoodKey, received.GetHeader("api-key"));
        Assert.Null(received.GetHeader("Authorization"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_RevokedKey_ThrowsApiAuthExceptionAfterOneRequest_Issue12(Door door)
    {
        ProviderEmulator emulator = NewEmulator().WithRevokedKey(RevokedKey);
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");

        // The SDK's default retry policy is left on: an auth failure must not be retried.
        ChatClient chat = Client(server, host, RevokedKey, retries: true).GetChatClient(Deployment);

        Exception thrown = await Call.Failing(door, () => chat.CompleteChat([new UserChatMessage("Hi")]).Value, async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        ApiAuthException e = Assert.IsType<ApiAuthException>(thrown);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(401, received.StatusCode);
        Assert.Equal("azure-openai", e.Failure.Provider);
        Assert.True(e.Failure.RequestWasSent);
        Assert.Equal(received.RequestId, e.Failure.RequestId);
        Assert.Contains(e.Failure.Cause, new[] { AuthFailureCause.InvalidKey, AuthFailureCause.WrongEndpoint });
        Assert.DoesNotContain(RevokedKey, e.ToString(), StringComparison.Ordinal);
        foreach (RecordingLoggerProvider.LogEntry entry in host.Logs.Entries)
        {
            Assert.DoesNotContain(RevokedKey, entry.Message, StringComparison.Ordinal);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_PlaceholderKey_RefusedWithNothingOnTheWire_Issue12(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        ChatClient chat = Client(server, host, "<your-azure-openai-key>", retries: true).GetChatClient(Deployment);

        Exception thrown = await Call.Failing(door, () => chat.CompleteChat([new UserChatMessage("Hi")]).Value, async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        ApiAuthException e = Assert.IsType<ApiAuthException>(thrown);
        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure.Cause);
        Assert.False(e.Failure.RequestWasSent);
        Assert.Empty(emulator.ReceivedRequests);
        Assert.Equal(1, host.RefusedCount);
    }

    private static ProviderEmulator NewEmulator() =>
        new ProviderEmulator(EmulatedProvider.AzureOpenAI)
            .WithKey(GoodKey)
            .WithDeployments(Deployment)
            .WithCompletionText(Completion);

    private static Task<ChatCompletion> Complete(Door door, ChatClient chat) =>
        Call.Through(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

    private static AzureOpenAIClient Client(EmulatorServer server, ApiAuthHost host, string key, bool retries = false)
    {
        var options = new AzureOpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(host.CreateClient()),
            NetworkTimeout = Call.Timeout,
        };
        if (!retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        }

        return new AzureOpenAIClient(server.BaseAddress, new ApiKeyCredential(key), options);
    }
}
