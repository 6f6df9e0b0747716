using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed class AzureOpenAIEmulatorTests
{
    private const string ChatPath = "openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21";
    private static readonly string ValidKey = TestKeys.Azure('a');
    private static readonly string Token = "eyJ0eXAiOiJKV1Qi" + new string('t', 40);
    private static readonly string ReaderToken = "eyJ0eXAiOiJKV1Qi" + new string('r', 40);

    private static ProviderEmulator CreateEmulator() => new ProviderEmulator("azure-openai")
        .WithKey(ValidKey)
        .WithKey(Token)
        .WithKey(ReaderToken, k => k.Scopes(EmulatorScopes.ModelsRead))
        .WithDeployments("gpt-4o-mini", "embeddings");

    [Fact]
    public async Task DeploymentChat_ValidApiKey_ReturnsCompletionWithAzureHeaders()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, ChatPath, ChatBody, ("api-key", ValidKey));

        Assert.Equal(200, answer.Code);
        Assert.Equal("chat.completion", answer.Json().GetProperty("object").GetString());
        Assert.True(Guid.TryParse(answer.Header("apim-request-id"), out _));
        Assert.Equal("East US", answer.Header("x-ms-region"));
        Assert.Equal(new Uri("https://emulated-resource.openai.azure.com/"), client.BaseAddress);
    }

    [Fact]
    public async Task V1Chat_ValidBearerToken_ReturnsCompletion()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "openai/v1/chat/completions", ChatBody, Bearer(Token));

        Assert.Equal(200, answer.Code);
    }

    [Fact]
    public async Task DeploymentChat_MissingKey_Returns401MissingSubscriptionKey()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, ChatPath, ChatBody);

        Assert.Equal(401, answer.Code);
        var error = answer.Json().GetProperty("error");
        Assert.Equal("401", error.GetProperty("code").GetString());
        Assert.Equal("Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DeploymentChat_InvalidOrRevokedKey_Returns401InvalidSubscriptionKey()
    {
        var revoked = TestKeys.Azure('r');
        using var client = CreateEmulator().WithRevokedKey(revoked).CreateHttpClient();

        var invalid = await PostAsync(client, ChatPath, ChatBody, ("api-key", TestKeys.Azure('z')));
        var revokedAnswer = await PostAsync(client, ChatPath, ChatBody, ("api-key", revoked));

        const string expected = """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}""";
        Assert.Equal(401, invalid.Code);
        Assert.Equal(expected, invalid.Body);
        Assert.Equal(expected, revokedAnswer.Body);
    }

    [Fact]
    public async Task DeploymentChat_InvalidBearerToken_Returns401TokenMessage()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, ChatPath, ChatBody, Bearer("eyJ-not-a-known-token"));

        Assert.Equal(401, answer.Code);
        Assert.Equal("Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.", answer.ErrorMessage());
    }

    [Fact]
    public async Task DeploymentChat_KeyAuthenticationDisabled_Returns403ForKeysButAcceptsTokens()
    {
        using var client = CreateEmulator().WithKeyAuthenticationDisabled().CreateHttpClient();

        var withKey = await PostAsync(client, ChatPath, ChatBody, ("api-key", ValidKey));
        var withToken = await PostAsync(client, ChatPath, ChatBody, Bearer(Token));

        Assert.Equal(403, withKey.Code);
        Assert.Equal("""{"error":{"code":"AuthenticationTypeDisabled","message":"Key based authentication is disabled for this resource."}}""", withKey.Body);
        Assert.Equal(200, withToken.Code);
    }

    [Fact]
    public async Task DeploymentChat_PrincipalWithoutDataAction_Returns403PermissionDenied()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, ChatPath, ChatBody, Bearer(ReaderToken));

        Assert.Equal(403, answer.Code);
        var error = answer.Json().GetProperty("error");
        Assert.Equal("PermissionDenied", error.GetProperty("code").GetString());
        Assert.Matches(
            "^The principal `[0-9a-f-]{36}` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/\\{deployment-id\\}/chat/completions` operation.$",
            error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DeploymentChat_MissingApiVersion_Returns404ResourceNotFound()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "openai/deployments/gpt-4o-mini/chat/completions", ChatBody, ("api-key", ValidKey));

        Assert.Equal(404, answer.Code);
        Assert.Equal("""{"error":{"code":"404","message":"Resource not found"}}""", answer.Body);
    }

    [Fact]
    public async Task DeploymentChat_UnknownDeployment_Returns404DeploymentNotFound()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "openai/deployments/gpt-5/chat/completions?api-version=2024-10-21", ChatBody, ("api-key", ValidKey));

        Assert.Equal(404, answer.Code);
        Assert.Equal("DeploymentNotFound", answer.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task DeploymentEmbeddings_OcpApimSubscriptionKey_IsAccepted()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "openai/deployments/embeddings/embeddings?api-version=2024-10-21", """{"input":"hello"}""", ("Ocp-Apim-Subscription-Key", ValidKey));

        Assert.Equal(200, answer.Code);
        Assert.Equal("embeddings", answer.Json().GetProperty("model").GetString());
    }
}
