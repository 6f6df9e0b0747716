using System.ClientModel;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using Microsoft.Extensions.AI;

namespace ApiAuth.IntegrationTests;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IChatClient"/> over the OpenAI SDK's ChatClient (<c>AsIChatClient()</c>),
/// on a factory client with ApiAuth. <see cref="IChatClient"/> is async only, so there is no sync door here.
/// </summary>
public sealed class ExtensionsAITests
{
    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_ValidKey_ReturnsText()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        IChatClient chat = NewChatClient(server, host, OpenAISdkTests.GoodKey);

        ChatResponse response = await chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(OpenAISdkTests.Completion, response.Text);
        Assert.Equal(200, Assert.Single(emulator.ReceivedRequests).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_ValidKey_StreamsText()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        var gate = new StreamGate();
        await using var host = ApiAuthHost.Create("openai", innerHandler: gate);
        IChatClient chat = NewChatClient(server, host, OpenAISdkTests.GoodKey);

        bool firstWhileGated = false;
        var text = new System.Text.StringBuilder();
        int updates = 0;
        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken))
        {
            if (updates++ == 0)
            {
                firstWhileGated = !gate.IsOpen;
                gate.Open();
            }

            text.Append(update.Text);
        }

        Assert.True(firstWhileGated);
        Assert.Equal(OpenAISdkTests.Completion, text.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_RevokedKey_TryGetAuthFailureFindsInvalidKey()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        IChatClient chat = NewChatClient(server, host, OpenAISdkTests.RevokedKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
        Assert.True(failure.RequestWasSent);
        Assert.Equal(Assert.Single(emulator.ReceivedRequests).RequestId, failure.RequestId);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_AnthropicKey_RefusedBeforeSending()
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        IChatClient chat = NewChatClient(server, host, TestKeys.Anthropic('b', "Ant7"));

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(AuthFailureCause.WrongProviderKey, failure.Cause);
        Assert.Empty(emulator.ReceivedRequests);
    }

    private static IChatClient NewChatClient(EmulatorServer server, ApiAuthHost host, string key) =>
        new OpenAI.Chat.ChatClient(OpenAISdkTests.Model, new ApiKeyCredential(key), OpenAISdkTests.SdkOptions(server, host.CreateClient()))
            .AsIChatClient();
}
