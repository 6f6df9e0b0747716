using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using Azure.AI.OpenAI;
using Azure.Core;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace ApiAuth.IntegrationTests;

/// <summary>
/// Azure.AI.OpenAI's <see cref="AzureOpenAIClient"/> (API key and Entra ID token) over
/// <see cref="HttpClientPipelineTransport"/> on a factory client with ApiAuth, against the emulator's azure-openai mode.
/// </summary>
public sealed class AzureOpenAISdkTests
{
    private const string Deployment = "gpt-4o-mini";
    private const string EmbeddingDeployment = "text-embedding-3-small";
    private const string Completion = "Hello from Azure, word by word.";

    private static readonly string GoodKey = TestKeys.Azure('a', "b0c1");
    private static readonly string OtherResourceKey = TestKeys.Azure('e', "f2f3");
    private static readonly string GoodToken = TestKeys.EntraToken(DateTimeOffset.UtcNow.AddHours(1));

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_ApiKey_ReturnsVectors(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        EmbeddingClient embeddings = WithKey(server, host, GoodKey).GetEmbeddingClient(EmbeddingDeployment);

        OpenAIEmbeddingCollection result = await Embed(door, embeddings);

        Assert.Equal(2, result.Count);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(200, received.StatusCode);
        Assert.Equal($"/openai/deployments/{EmbeddingDeployment}/embeddings", received.Path);
        Assert.Equal(GoodKey, received.GetHeader("api-key"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_EntraToken_ReturnsVectors(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        EmbeddingClient embeddings = WithToken(server, host, GoodToken).GetEmbeddingClient(EmbeddingDeployment);

        OpenAIEmbeddingCollection result = await Embed(door, embeddings);

        Assert.Equal(2, result.Count);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal("Bearer " + GoodToken, received.GetHeader("Authorization"));
        Assert.Null(received.GetHeader("api-key"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_ApiKeyWithTrailingNewline_ServerReceivesCleanKey(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        EmbeddingClient embeddings = WithKey(server, host, GoodKey + "\r\n").GetEmbeddingClient(EmbeddingDeployment);

        await Embed(door, embeddings);

        Assert.Equal(GoodKey, Assert.Single(emulator.ReceivedRequests).GetHeader("api-key"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_KeyOfAnotherResource_WrongEndpoint(Door door)
    {
        // Azure answers an unknown key with "invalid subscription key or wrong API endpoint": the profile
        // diagnoses the key/endpoint pair rather than the key alone.
        AuthFailure failure = await ServerRejectsAsync(door, WithKey, OtherResourceKey, AuthFailureCause.WrongEndpoint, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_KeyAuthenticationDisabled_AccountDisabled(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, WithKey, GoodKey, AuthFailureCause.AccountDisabled, e => e.WithKeyAuthenticationDisabled(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Equal("AuthenticationTypeDisabled", failure.ErrorCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_EntraTokenWithoutRole_InsufficientPermissions(Door door)
    {
        AuthFailure failure = await ServerRejectsAsync(door, WithToken, GoodToken, AuthFailureCause.InsufficientPermissions, e => e.FailNext(EmulatedFailure.InsufficientScope), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_UnknownEntraToken_Unknown(Door door)
    {
        // Azure's token message names four possible causes at once; the profile says Unknown and lists them.
        string stranger = TestKeys.EntraToken(DateTimeOffset.UtcNow.AddHours(2));
        AuthFailure failure = await ServerRejectsAsync(door, WithToken, stranger, AuthFailureCause.Unknown, null, TestContext.Current.CancellationToken);
        Assert.Contains("cognitiveservices.azure.com/.default", failure.Remediation, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_ExpiredEntraToken_NeverReachesServer(Door door)
    {
        string expired = TestKeys.EntraToken(DateTimeOffset.UtcNow.AddHours(-1));
        AuthFailure failure = await RefusedBeforeSendingAsync(door, WithToken, expired, AuthFailureCause.ExpiredCredential, TestContext.Current.CancellationToken);
        Assert.Equal("azure-openai", failure.Provider);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_OpenAIKey_NeverReachesServer(Door door)
    {
        await RefusedBeforeSendingAsync(door, WithKey, OpenAISdkTests.GoodKey, AuthFailureCause.WrongProviderKey, TestContext.Current.CancellationToken);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task GenerateEmbeddings_PlaceholderKey_NeverReachesServer(Door door)
    {
        await RefusedBeforeSendingAsync(door, WithKey, "<your-azure-openai-key>", AuthFailureCause.PlaceholderKey, TestContext.Current.CancellationToken);
    }

    // Chat here goes through the OpenAI SDK's own ChatClient pointed at the resource's v1 endpoint
    // (https://RESOURCE.openai.azure.com/openai/v1/), as Microsoft documents for the v1 API. AzureOpenAIClient's own chat
    // needs the OpenAI 2.1.0 that Azure.AI.OpenAI 2.1.0 was built against (with this project's OpenAI 2.15.0 it throws
    // MissingMethodException): it is tested in tests/ApiAuth.AzureChat.Tests, which pins that version.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_V1EndpointWithApiKey_ReturnsCompletion(Door door)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        ChatClient chat = V1Chat(server, host, GoodKey);

        ChatCompletion completion = await Call.Through(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        Assert.Equal(Completion, completion.Content[0].Text);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal("/openai/v1/chat/completions", received.Path);
        Assert.Equal("Bearer " + GoodKey, received.GetHeader("Authorization"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task CompleteChat_V1EndpointKeyAuthenticationDisabled_AccountDisabled(Door door)
    {
        ProviderEmulator emulator = NewEmulator().WithKeyAuthenticationDisabled();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        ChatClient chat = V1Chat(server, host, GoodKey, apiKeyHeader: true);

        Exception thrown = await Call.Failing(door,
            () => chat.CompleteChat([new UserChatMessage("Hi")]).Value,
            async ct => (await chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: ct)).Value);

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(AuthFailureCause.AccountDisabled, failure.Cause);
        Assert.Equal(Assert.Single(emulator.ReceivedRequests).RequestId, failure.RequestId);
    }

    private static ProviderEmulator NewEmulator() =>
        new ProviderEmulator(EmulatedProvider.AzureOpenAI)
            .WithKey(GoodKey)
            .WithKey(GoodToken)
            .WithDeployments(Deployment, EmbeddingDeployment)
            .WithCompletionText(Completion);

    private static AzureOpenAIClientOptions Options(HttpClient http) => new()
    {
        Transport = new HttpClientPipelineTransport(http),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = Call.Timeout,
    };

    private static Task<OpenAIEmbeddingCollection> Embed(Door door, EmbeddingClient embeddings) =>
        Call.Through(door,
            () => embeddings.GenerateEmbeddings(["one", "two"]).Value,
            async ct => (await embeddings.GenerateEmbeddingsAsync(["one", "two"], cancellationToken: ct)).Value);

    /// <summary>The OpenAI SDK on the resource's v1 endpoint; the key goes in Authorization: Bearer, or in api-key with <paramref name="apiKeyHeader"/>.</summary>
    private static ChatClient V1Chat(EmulatorServer server, ApiAuthHost host, string key, bool apiKeyHeader = false)
    {
        var options = new OpenAI.OpenAIClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "openai/v1/"),
            Transport = new HttpClientPipelineTransport(host.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Call.Timeout,
        };
        if (!apiKeyHeader)
        {
            return new ChatClient(Deployment, new ApiKeyCredential(key), options);
        }

        // The AuthenticationPolicy constructor is marked experimental (OPENAI001) in OpenAI 2.15.0.
#pragma warning disable OPENAI001
        return new ChatClient(Deployment, ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(key), "api-key"), options);
#pragma warning restore OPENAI001
    }

    private static AzureOpenAIClient WithKey(EmulatorServer server, ApiAuthHost host, string key) =>
        new(server.BaseAddress, new ApiKeyCredential(key), Options(host.CreateClient()));

    private static AzureOpenAIClient WithToken(EmulatorServer server, ApiAuthHost host, string token) =>
        new(server.BaseAddress, new StaticTokenCredential(token), Options(host.CreateClient()));

    private static async Task<AuthFailure> ServerRejectsAsync(
        Door door,
        Func<EmulatorServer, ApiAuthHost, string, AzureOpenAIClient> client,
        string credential,
        AuthFailureCause expected,
        Action<ProviderEmulator>? configure,
        CancellationToken cancellationToken)
    {
        ProviderEmulator emulator = NewEmulator();
        configure?.Invoke(emulator);
        await using EmulatorServer server = await emulator.StartServerAsync(cancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        EmbeddingClient embeddings = client(server, host, credential).GetEmbeddingClient(EmbeddingDeployment);

        Exception thrown = await Call.Failing(door,
            () => embeddings.GenerateEmbeddings(["one"]).Value,
            async ct => (await embeddings.GenerateEmbeddingsAsync(["one"], cancellationToken: ct)).Value);

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(expected, failure.Cause);
        Assert.Equal("azure-openai", failure.Provider);
        Assert.True(failure.RequestWasSent);
        Assert.Equal(received.RequestId, failure.RequestId);
        Assert.DoesNotContain(credential, thrown.ToString(), StringComparison.Ordinal);
        return failure;
    }

    private static async Task<AuthFailure> RefusedBeforeSendingAsync(
        Door door,
        Func<EmulatorServer, ApiAuthHost, string, AzureOpenAIClient> client,
        string credential,
        AuthFailureCause expected,
        CancellationToken cancellationToken)
    {
        ProviderEmulator emulator = NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(cancellationToken);
        await using var host = ApiAuthHost.Create("azure-openai");
        EmbeddingClient embeddings = client(server, host, credential).GetEmbeddingClient(EmbeddingDeployment);

        Exception thrown = await Call.Failing(door,
            () => embeddings.GenerateEmbeddings(["one"]).Value,
            async ct => (await embeddings.GenerateEmbeddingsAsync(["one"], cancellationToken: ct)).Value);

        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        Assert.Equal(expected, failure.Cause);
        Assert.False(failure.RequestWasSent);
        Assert.Empty(emulator.ReceivedRequests);
        return failure;
    }

    /// <summary>A <see cref="TokenCredential"/> that hands out one fixed token, as a test stand-in for DefaultAzureCredential.</summary>
    private sealed class StaticTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
