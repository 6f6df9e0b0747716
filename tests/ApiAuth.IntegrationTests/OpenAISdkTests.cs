using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace ApiAuth.IntegrationTests;

/// <summary>
/// The official OpenAI SDK over <see cref="HttpClientPipelineTransport"/> on a factory client with ApiAuth,
/// against the OpenAI emulator on a loopback socket. Every test runs through both the sync and the async method.
/// </summary>
public sealed class OpenAISdkTests
{
    internal const string Model = "gpt-4o-mini";
    internal const string EmbeddingModel = "text-embedding-3-small";
    internal const string Completion = "Hello from the emulator, word by word.";
    internal const string KeyOrganization = "org-integration";
    internal const string KeyProject = "proj_integration";
    internal const string OtherOrganization = "org-other-team";

    internal static readonly string GoodKey = TestKeys.OpenAI('a', "Good");
    internal static readonly string RevokedKey = TestKeys.OpenAI('r', "Rvk9");
    internal static readonly string DisabledKey = TestKeys.OpenAI('d', "Dis1");
    internal static readonly string ModelsOnlyKey = TestKeys.OpenAI('m', "Rd01");

    internal static ProviderEmulator NewEmulator() =>
        new ProviderEmulator(EmulatedProvider.OpenAI)
            .WithKey(GoodKey, k => k.Organization(KeyOrganization).Project(KeyProject))
            .WithKey(ModelsOnlyKey, k => k.Scopes(EmulatorScopes.ModelsRead))
            .WithOrganization(OtherOrganization)
            .WithRevokedKey(RevokedKey)
            .WithDisabledAccountKey(DisabledKey)
            .WithCompletionText(Completion);

    /// <summary>SDK options pointing at the emulator through the factory's client; retries off unless a test is about them.</summary>
    internal static OpenAIClientOptions SdkOptions(EmulatorServer server, HttpClient http, bool retries = false, string? organization = null, string? project = null)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "v1/"),
            Transport = new HttpClientPipelineTransport(http),
            NetworkTimeout = Call.Timeout,
            OrganizationId = organization,
            ProjectId = project,
        };
        if (!retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        }

        return options;
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_ValidKey_ReturnsCompletion(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var chat = new ChatClient(Model, new ApiKeyCredential(GoodKey), SdkOptions(server, host.CreateClient()));

        ChatCompletion completion = await Call.Through(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        Assert.Equal(Completion, completion.Content[0].Text);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(200, received.StatusCode);
        Assert.Equal("Bearer " + GoodKey, received.GetHeader("Authorization"));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChatStreaming_ValidKey_FirstUpdateArrivesBeforeBodyCompletes(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        var gate = new StreamGate();
        await using var host = ApiAuthHost.Create("openai", innerHandler: gate);
        var chat = new ChatClient(Model, new ApiKeyCredential(GoodKey), SdkOptions(server, host.CreateClient()));

        (bool firstArrivedWhileGated, string text, int updates) = await Call.Through(door,
            () =>
            {
                bool first = false;
                var text = new System.Text.StringBuilder();
                int count = 0;
                foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreaming([new UserChatMessage("Hi")]))
                {
                    if (count++ == 0)
                    {
                        first = !gate.IsOpen;
                        gate.Open();
                    }

                    foreach (ChatMessageContentPart part in update.ContentUpdate)
                    {
                        text.Append(part.Text);
                    }
                }

                return (first, text.ToString(), count);
            },
            async ct =>
            {
                bool first = false;
                var text = new System.Text.StringBuilder();
                int count = 0;
                await foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")], cancellationToken: ct))
                {
                    if (count++ == 0)
                    {
                        first = !gate.IsOpen;
                        gate.Open();
                    }

                    foreach (ChatMessageContentPart part in update.ContentUpdate)
                    {
                        text.Append(part.Text);
                    }
                }

                return (first, text.ToString(), count);
            });

        Assert.True(firstArrivedWhileGated, "The first update should reach the caller while the rest of the body is still held back.");
        Assert.Equal(Completion, text);
        Assert.True(updates > 2, $"Expected one update per word, got {updates}.");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_ValidKey_ReturnsVectors(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var embeddings = new EmbeddingClient(EmbeddingModel, new ApiKeyCredential(GoodKey), SdkOptions(server, host.CreateClient()));

        OpenAIEmbeddingCollection result = await Call.Through(door,
            () => embeddings.GenerateEmbeddings(["one", "two"]).Value,
            async ct => (await embeddings.GenerateEmbeddingsAsync(["one", "two"], cancellationToken: ct)).Value);

        Assert.Equal(2, result.Count);
        Assert.All(result, e => Assert.False(e.ToFloats().IsEmpty));
        Assert.Equal("/v1/embeddings", Assert.Single(emulator.ReceivedRequests).Path);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_KeyWithTrailingNewline_ServerReceivesCleanKey(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var chat = new ChatClient(Model, new ApiKeyCredential(GoodKey + "\n"), SdkOptions(server, host.CreateClient()));

        ChatCompletion completion = await Call.Through(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        Assert.Equal(Completion, completion.Content[0].Text);
        Assert.Equal("Bearer " + GoodKey, Assert.Single(emulator.ReceivedRequests).GetHeader("Authorization"));
        var warning = Assert.Single(host.Logs.Entries, e => e.EventId == 1);
        Assert.Contains("line break", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GoodKey, warning.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_RevokedKey_InvalidKey(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, RevokedKey, AuthFailureCause.InvalidKey, null, null, TestContext.Current.CancellationToken);
        Assert.Equal("invalid_api_key", failure.ErrorCode);
        Assert.Equal("sk-proj-…Rvk9", failure.KeyHint);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_UnknownKey_InvalidKey(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, TestKeys.OpenAI('u', "Unk5"), AuthFailureCause.InvalidKey, null, null, TestContext.Current.CancellationToken);
        Assert.Equal("invalid_api_key", failure.ErrorCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_OtherOrganization_WrongOrganization(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, GoodKey, AuthFailureCause.WrongOrganization, OtherOrganization, null, TestContext.Current.CancellationToken);
        Assert.Equal("mismatched_organization", failure.ErrorCode);
        Assert.Contains(OtherOrganization, failure.Remediation, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_UndeclaredOrganization_WrongOrganization(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, GoodKey, AuthFailureCause.WrongOrganization, "org-nobody", null, TestContext.Current.CancellationToken);
        Assert.Equal("invalid_organization", failure.ErrorCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_OtherProject_WrongProject(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, GoodKey, AuthFailureCause.WrongProject, null, "proj_other", TestContext.Current.CancellationToken);
        Assert.Equal("mismatched_project", failure.ErrorCode);
        Assert.Contains("proj_other", failure.Remediation, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_KeyWithoutModelRequestScope_InsufficientPermissions(Door door)
    {
        await ServerRejectsAsync(door, ModelsOnlyKey, AuthFailureCause.InsufficientPermissions, null, null, TestContext.Current.CancellationToken);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_DeactivatedAccountKey_AccountDisabled(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, DisabledKey, AuthFailureCause.AccountDisabled, null, null, TestContext.Current.CancellationToken);
        Assert.Equal("account_deactivated", failure.ErrorCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_RevokedKey_InvalidKey(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var embeddings = new EmbeddingClient(EmbeddingModel, new ApiKeyCredential(RevokedKey), SdkOptions(server, host.CreateClient()));

        Exception thrown = await Call.Failing(door,
            () => embeddings.GenerateEmbeddings(["one"]).Value,
            async ct => (await embeddings.GenerateEmbeddingsAsync(["one"], cancellationToken: ct)).Value);

        // HttpClientPipelineTransport wraps only HttpRequestException; ApiAuthException reaches the caller itself (issue 10).
        Assert.IsType<ApiAuthException>(thrown);
        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure));
        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
        Assert.Equal(Assert.Single(emulator.ReceivedRequests).RequestId, failure.RequestId);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChatStreaming_RevokedKey_InvalidKey(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var chat = new ChatClient(Model, new ApiKeyCredential(RevokedKey), SdkOptions(server, host.CreateClient()));

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChatStreaming([new UserChatMessage("Hi")]).Count(),
            async ct => await chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")], cancellationToken: ct).CountAsync(ct));

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
        Assert.Single(emulator.ReceivedRequests);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_PlaceholderKey_NeverReachesServer(Door door)
    {
        AuthFailure failure = await RefusedBeforeSendingAsync(door, "YOUR_" + "OPENAI_API_KEY", AuthFailureCause.PlaceholderKey, null, TestContext.Current.CancellationToken);
        Assert.Null(failure.RequestId);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_AnthropicKey_NeverReachesServer(Door door)
    {
        AuthFailure failure = await RefusedBeforeSendingAsync(door, TestKeys.Anthropic('b', "Ant7"), AuthFailureCause.WrongProviderKey, null, TestContext.Current.CancellationToken);
        Assert.Equal("sk-ant-api03-…Ant7", failure.KeyHint);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_KeyWithTrailingNewlineStrict_NeverReachesServer(Door door)
    {
        await RefusedBeforeSendingAsync(door, GoodKey + "\n", AuthFailureCause.MalformedKey, o => o.Strict = true, TestContext.Current.CancellationToken);
    }

    // Regression guard for SDK retries (issue 10): System.ClientModel's default retry policy retries every
    // HttpRequestException the transport wraps. ApiAuthException is not one, so the SDK does not retry it: without
    // ApiAuth the SDK sees a 401 response and does not retry it; with ApiAuth the key is sent exactly once too.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_RevokedKeyDefaultRetryPolicy_SentOnce(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var chat = new ChatClient(Model, new ApiKeyCredential(RevokedKey), SdkOptions(server, host.CreateClient(), retries: true));

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure));
        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
        Assert.Single(emulator.ReceivedRequests);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_PlaceholderKeyDefaultRetryPolicy_RefusedOnce(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var chat = new ChatClient(Model, new ApiKeyCredential("YOUR_" + "OPENAI_API_KEY"), SdkOptions(server, host.CreateClient(), retries: true));

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure));
        Assert.Equal(AuthFailureCause.PlaceholderKey, failure.Cause);
        Assert.Empty(emulator.ReceivedRequests);
        Assert.Equal(1, host.RefusedCount);
    }

    private static async Task<AuthFailure> ServerRejectsAsync(Door door, string key, AuthFailureCause expected, string? organization, string? project, CancellationToken cancellationToken)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(cancellationToken);
        await using var host = ApiAuthHost.Create("openai");
        var chat = new ChatClient(Model, new ApiKeyCredential(key), SdkOptions(server, host.CreateClient(), organization: organization, project: project));

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        // HttpClientPipelineTransport wraps only HttpRequestException; ApiAuthException reaches the caller itself (issue 10).
        Assert.IsType<ApiAuthException>(thrown);
        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(expected, failure.Cause);
        Assert.Equal("openai", failure.Provider);
        Assert.True(failure.RequestWasSent);
        Assert.Equal((HttpStatusCode)received.StatusCode, failure.StatusCode);
        Assert.Equal(received.RequestId, failure.RequestId);
        Assert.Equal("127.0.0.1", failure.Host);
        Assert.DoesNotContain(key, thrown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure.ToString(), StringComparison.Ordinal);
        return failure;
    }

    private static async Task<AuthFailure> RefusedBeforeSendingAsync(Door door, string key, AuthFailureCause expected, Action<ApiAuthDiagnosticsOptions>? configure, CancellationToken cancellationToken)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(cancellationToken);
        await using var host = ApiAuthHost.Create("openai", configure);
        var chat = new ChatClient(Model, new ApiKeyCredential(key), SdkOptions(server, host.CreateClient()));

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        // HttpClientPipelineTransport wraps only HttpRequestException; ApiAuthException reaches the caller itself (issue 10).
        Assert.IsType<ApiAuthException>(thrown);
        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(expected, failure.Cause);
        Assert.False(failure.RequestWasSent);
        Assert.Null(failure.StatusCode);
        Assert.Empty(emulator.ReceivedRequests);
        Assert.DoesNotContain(key.Trim(), thrown.ToString(), StringComparison.Ordinal);
        return failure;
    }
}
