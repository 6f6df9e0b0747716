using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// Issue 10, "An auth failure is not a transient fault", for the Anthropic SDK on its defaults (its own retries, 2 by
/// default; only the API key, the emulator's base URL and the factory client are set). The SDK's message methods are
/// async only. It wraps an <see cref="HttpRequestException"/> from the handler chain in its own I/O exception after
/// retrying it; <see cref="ApiAuthException"/> is not one, so it reaches the caller itself after one attempt.
/// </summary>
public sealed class AnthropicSdkNotTransientTests
{
    private const string Model = "claude-sonnet-4-5";

    private static readonly string GoodKey = TestKeys.Anthropic('a', "Good");
    private static readonly string RevokedKey = TestKeys.Anthropic('r', "Rvk9");

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_RevokedKeySdkDefaults_ApiAuthExceptionAfterOneRequest_Issue10()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, RevokedKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Hello(), TestContext.Current.CancellationToken));

        Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(RefusedKey.Placeholder)]
    [InlineData(RefusedKey.InnerSpace)]
    public async Task MessagesCreate_RefusedKeySdkDefaults_ApiAuthExceptionWithoutRequest_Issue10(RefusedKey kind)
    {
        (string key, AuthFailureCause cause) = RefusedKeys.Anthropic(kind);
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, key);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Hello(), TestContext.Current.CancellationToken));

        Outcome.RefusedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, cause);
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreateStreaming_RevokedKeySdkDefaults_ApiAuthExceptionAfterOneRequest_Issue10()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, RevokedKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (RawMessageStreamEvent streamEvent in client.Messages.CreateStreaming(Hello(), TestContext.Current.CancellationToken))
            {
                Assert.Fail("No event was expected: " + streamEvent);
            }
        });

        Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey);
    }

    // The reference: the same pipeline without ApiAuth. The SDK turns the 401 into its own status error and does not retry it.
    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_RevokedKeyWithoutApiAuth_AnthropicStatusErrorAfterOneRequest()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("anthropic", Stage.Nothing);
        AnthropicClient client = NewClient(server, host, RevokedKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Hello(), TestContext.Current.CancellationToken));

        Assert.Equal([typeof(AnthropicUnauthorizedException)], Outcome.Chain(thrown));
        Assert.False(thrown.TryGetAuthFailure(out _));
        Assert.Equal(1, host.Attempts.Count);
        Assert.Single(emulator.ReceivedRequests);
        Assert.Empty(host.Logs.ApiAuthEntries);
    }

    // Proof that the tests above can fail: an HttpRequestException from the handler chain (what ApiAuthException was) is
    // retried twice, with back-off on the real clock (the SDK offers no clock to replace; its delays are short), and
    // surfaces wrapped in the SDK's I/O exception.
    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_HandlerThrowsHttpRequestException_Retried()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("anthropic", Stage.ThrowsHttpRequestException);
        AnthropicClient client = NewClient(server, host, GoodKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Hello(), TestContext.Current.CancellationToken));

        Assert.Equal([typeof(AnthropicIOException), typeof(HttpRequestException)], Outcome.Chain(thrown));
        Assert.Equal(3, host.Attempts.Count);
        Assert.Empty(emulator.ReceivedRequests);
    }

    private static ProviderEmulator NewEmulator() =>
        new ProviderEmulator(EmulatedProvider.Anthropic)
            .WithKey(GoodKey)
            .WithRevokedKey(RevokedKey)
            .WithModels(Model);

    /// <summary>The SDK on its defaults: the key, the emulator's base URL and the factory client, nothing else.</summary>
    private static AnthropicClient NewClient(EmulatorServer server, PipelineHost host, string key) =>
        new(new ClientOptions
        {
            ApiKey = key,
            BaseUrl = server.BaseAddress.ToString().TrimEnd('/'),
            HttpClient = host.CreateClient(),
        });

    private static MessageCreateParams Hello() => new()
    {
        Model = Model,
        MaxTokens = 64,
        Messages = [new UserMessageParam("Hello")],
    };
}
