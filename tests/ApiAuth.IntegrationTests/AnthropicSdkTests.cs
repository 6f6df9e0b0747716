using System.Net;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;

namespace ApiAuth.IntegrationTests;

/// <summary>
/// The official Anthropic SDK given the factory's HttpClient (<see cref="ClientOptions.HttpClient"/>) and the
/// emulator's address (<see cref="ClientOptions.BaseUrl"/>). The SDK's message methods are async only.
/// </summary>
public sealed class AnthropicSdkTests
{
    private const string Model = "claude-sonnet-4-5";
    private const string Completion = "Hello from Claude, word by word.";

    private static readonly string GoodKey = TestKeys.Anthropic('a', "Good");
    private static readonly string RevokedKey = TestKeys.Anthropic('r', "Rvk9");
    private static readonly string DisabledKey = TestKeys.Anthropic('d', "Dis1");

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_ValidKey_ReturnsMessage()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, GoodKey);

        Message message = await client.Messages.Create(Hello(), TestContext.Current.CancellationToken);

        Assert.Contains(Completion, message.ToString(), StringComparison.Ordinal);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(200, received.StatusCode);
        Assert.Equal(GoodKey, SentKey(received));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreateStreaming_ValidKey_FirstEventArrivesBeforeBodyCompletes()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        var gate = new StreamGate();
        await using var host = ApiAuthHost.Create("anthropic", innerHandler: gate);
        AnthropicClient client = NewClient(server, host, GoodKey);

        bool firstWhileGated = false;
        int events = 0;
        await foreach (RawMessageStreamEvent streamEvent in client.Messages.CreateStreaming(Hello(), TestContext.Current.CancellationToken))
        {
            if (events++ == 0)
            {
                firstWhileGated = !gate.IsOpen;
                gate.Open();
            }
        }

        Assert.True(firstWhileGated);
        Assert.True(events > 4, $"Expected message_start, content blocks, deltas and message_stop; got {events} events.");
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_KeyInQuotes_ServerReceivesCleanKey()
    {
        // A key copied with its quotation marks (from JSON or a .env line). A trailing newline cannot be shown
        // here: the Anthropic SDK adds its Authorization header with validation and throws FormatException itself.
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, "\"" + GoodKey + "\"");

        await client.Messages.Create(Hello(), TestContext.Current.CancellationToken);

        Assert.Equal(GoodKey, SentKey(Assert.Single(emulator.ReceivedRequests)));
        Assert.Contains(host.Logs.Entries, e => e.EventId == 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_RevokedKey_InvalidKey()
    {
        AuthFailure failure = await ServerRejectsAsync(RevokedKey, AuthFailureCause.InvalidKey, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.StartsWith("req_", failure.RequestId, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_KeyWithoutPermission_InsufficientPermissions()
    {
        AuthFailure failure = await ServerRejectsAsync(GoodKey, AuthFailureCause.InsufficientPermissions, e => e.FailNext(EmulatedFailure.InsufficientScope), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_DisabledOrganizationKey_AccountDisabled()
    {
        AuthFailure failure = await ServerRejectsAsync(DisabledKey, AuthFailureCause.AccountDisabled, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_OpenAIKey_NeverReachesServer()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, OpenAISdkTests.GoodKey);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Hello(), TestContext.Current.CancellationToken));

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(AuthFailureCause.WrongProviderKey, failure.Cause);
        Assert.False(failure.RequestWasSent);
        Assert.Empty(emulator.ReceivedRequests);
        Assert.Equal(1, host.RefusedCount);
    }

    [Fact(Timeout = 60_000)]
    public async Task MessagesCreate_RevokedKeyDefaultRetries_SentOnce()
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, RevokedKey, maxRetries: null);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Hello(), TestContext.Current.CancellationToken));

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
        Assert.Single(emulator.ReceivedRequests);
    }

    private static ProviderEmulator NewEmulator() =>
        new ProviderEmulator(EmulatedProvider.Anthropic)
            .WithKey(GoodKey)
            .WithRevokedKey(RevokedKey)
            .WithDisabledAccountKey(DisabledKey)
            .WithModels(Model)
            .WithCompletionText(Completion);

    /// <summary>The one-liner: the factory's HttpClient and the base URL go in the SDK's ClientOptions.</summary>
    private static AnthropicClient NewClient(EmulatorServer server, ApiAuthHost host, string key, int? maxRetries = 0) =>
        new(new ClientOptions
        {
            ApiKey = key,
            BaseUrl = server.BaseAddress.ToString().TrimEnd('/'),
            HttpClient = host.CreateClient(),
            MaxRetries = maxRetries,
            Timeout = Call.Timeout,
        });

    private static MessageCreateParams Hello() => new()
    {
        Model = Model,
        MaxTokens = 64,
        Messages = [new UserMessageParam("Hello")],
    };

    /// <summary>The key as the server received it, wherever the SDK put it (x-api-key, or Authorization: Bearer).</summary>
    private static string? SentKey(EmulatedRequest received) =>
        received.GetHeader("x-api-key") ?? received.GetHeader("Authorization")?.Replace("Bearer ", string.Empty, StringComparison.Ordinal);

    private static async Task<AuthFailure> ServerRejectsAsync(string key, AuthFailureCause expected, Action<ProviderEmulator>? configure, CancellationToken cancellationToken)
    {
        ProviderEmulator emulator = NewEmulator();
        configure?.Invoke(emulator);
        await using EmulatorServer server = await emulator.StartServerAsync(cancellationToken);
        await using var host = ApiAuthHost.Create("anthropic");
        AnthropicClient client = NewClient(server, host, key);

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Hello(), cancellationToken));

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(expected, failure.Cause);
        Assert.Equal("anthropic", failure.Provider);
        Assert.True(failure.RequestWasSent);
        Assert.Equal(received.RequestId, failure.RequestId);
        Assert.DoesNotContain(key, thrown.ToString(), StringComparison.Ordinal);
        return failure;
    }
}
