using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ApiAuth.Testing.Tests.TestSupport;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

/// <summary>The official SDKs, pointed at the Kestrel form, read the emulator's answers as they read the real service's.</summary>
public sealed class SdkCompatibilityTests
{
    [Fact]
    public async Task OpenAISdk_ValidKey_CompletesStreamsAndEmbeds()
    {
        var key = TestKeys.OpenAI('o', "Sdk1");
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(key).WithCompletionText("streamed by the emulator");
        await using var server = await emulator.StartServerAsync(Ct);
        var options = OpenAIOptions(server);

        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(key), options);
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Ct);
        var streamed = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")], cancellationToken: Ct))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }
        }

        var embeddings = new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential(key), options);
        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync("hello", cancellationToken: Ct);

        Assert.Equal("streamed by the emulator", completion.Content[0].Text);
        Assert.Equal("streamed by the emulator", streamed.ToString());
        Assert.Equal(8, embedding.ToFloats().Length);
    }

    [Fact]
    public async Task OpenAISdk_InvalidKey_ThrowsClientResultExceptionWith401()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI);
        await using var server = await emulator.StartServerAsync(Ct);
        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(TestKeys.OpenAI('b', "Bad1")), OpenAIOptions(server));

        var exception = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Ct));

        Assert.Equal(401, exception.Status);
        Assert.Contains("invalid_api_key", exception.Message, StringComparison.Ordinal);
        Assert.Single(emulator.ReceivedRequests);
    }

    [Fact]
    public async Task AnthropicSdk_ValidKey_CreatesAndStreamsMessages()
    {
        var key = TestKeys.Anthropic('o');
        var emulator = new ProviderEmulator(EmulatedProvider.Anthropic).WithKey(key).WithCompletionText("hello from claude");
        await using var server = await emulator.StartServerAsync(Ct);
        var client = new AnthropicClient { ApiKey = key, BaseUrl = server.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 };
        var parameters = new MessageCreateParams { MaxTokens = 64, Messages = [new UserMessageParam("Hi")], Model = "claude-sonnet-4-5" };

        var message = await client.Messages.Create(parameters, Ct);
        var streamed = new StringBuilder();
        await foreach (var streamEvent in client.Messages.CreateStreaming(parameters, Ct))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var text))
            {
                streamed.Append(text.Text);
            }
        }

        Assert.Contains("hello from claude", message.ToString(), StringComparison.Ordinal);
        Assert.Equal("hello from claude", streamed.ToString());
        Assert.All(emulator.ReceivedRequests, r => Assert.NotNull(r.GetHeader("anthropic-version")));
    }

    [Fact]
    public async Task AnthropicSdk_InvalidKey_ThrowsWithTheEmulatedRequestId()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.Anthropic);
        await using var server = await emulator.StartServerAsync(Ct);
        var client = new AnthropicClient { ApiKey = TestKeys.Anthropic('b'), BaseUrl = server.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 };
        var parameters = new MessageCreateParams { MaxTokens = 64, Messages = [new UserMessageParam("Hi")], Model = "claude-sonnet-4-5" };

        var exception = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Create(parameters, Ct));

        Assert.Equal(emulator.ReceivedRequests.Single().RequestId, exception.RequestID);
        Assert.Contains("invalid x-api-key", exception.Message, StringComparison.Ordinal);
    }

    private static OpenAIClientOptions OpenAIOptions(EmulatorServer server) => new()
    {
        Endpoint = new Uri(server.BaseAddress, "v1/"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };
}
