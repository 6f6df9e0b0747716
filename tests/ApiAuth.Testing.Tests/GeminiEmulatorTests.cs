using System.Text.Json;
using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed class GeminiEmulatorTests
{
    private const string GeneratePath = "v1beta/models/gemini-2.5-flash:generateContent";
    private static readonly string ValidKey = TestKeys.Gemini('a');
    private static readonly string ExpiredKey = TestKeys.Gemini('e');
    private static readonly string RevokedKey = TestKeys.Gemini('r');
    private static readonly string SuspendedKey = TestKeys.Gemini('s');
    private static readonly string RestrictedKey = TestKeys.Gemini('m');

    private static ProviderEmulator CreateEmulator() => new ProviderEmulator(EmulatedProvider.Gemini)
        .WithKey(ValidKey)
        .WithKey(RestrictedKey, k => k.Scopes(EmulatorScopes.ModelsRead))
        .WithExpiredKey(ExpiredKey)
        .WithRevokedKey(RevokedKey)
        .WithDisabledAccountKey(SuspendedKey);

    [Fact]
    public async Task GenerateContent_HeaderKey_ReturnsCandidate()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, GeneratePath, GeminiBody, ("x-goog-api-key", ValidKey));

        Assert.Equal(200, answer.Code);
        var candidate = answer.Json().GetProperty("candidates")[0];
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.Equal("gemini-2.5-flash", answer.Json().GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task Models_QueryKey_ReturnsModels()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await GetAsync(client, "v1beta/models?key=" + ValidKey);

        Assert.Equal(200, answer.Code);
        Assert.StartsWith("models/", answer.Json().GetProperty("models")[0].GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateContent_MissingKey_Returns403UnregisteredCallers()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, GeneratePath, GeminiBody);

        Assert.Equal(403, answer.Code);
        Assert.Equal(
            """{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}""",
            answer.Body);
    }

    [Fact]
    public async Task GenerateContent_InvalidOrRevokedKey_Returns400ApiKeyInvalid()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var invalid = await PostAsync(client, GeneratePath, GeminiBody, ("x-goog-api-key", TestKeys.Gemini('z')));
        var revoked = await PostAsync(client, GeneratePath, GeminiBody, ("x-goog-api-key", RevokedKey));

        Assert.Equal(400, invalid.Code);
        Assert.Equal(invalid.Body, revoked.Body);
        var error = invalid.Json().GetProperty("error");
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("API key not valid. Please pass a valid API key.", error.GetProperty("message").GetString());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        var info = error.GetProperty("details")[0];
        Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", info.GetProperty("@type").GetString());
        Assert.Equal("API_KEY_INVALID", info.GetProperty("reason").GetString());
        Assert.Equal("googleapis.com", info.GetProperty("domain").GetString());
        Assert.Equal("generativelanguage.googleapis.com", info.GetProperty("metadata").GetProperty("service").GetString());
    }

    [Fact]
    public async Task GenerateContent_ExpiredKey_Returns400ApiKeyExpired()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, GeneratePath, GeminiBody, ("x-goog-api-key", ExpiredKey));

        Assert.Equal(400, answer.Code);
        Assert.Equal("API key expired. Please renew the API key.", answer.ErrorMessage());
        Assert.Equal("API_KEY_INVALID", answer.Json().GetProperty("error").GetProperty("details")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task GenerateContent_KeyRestrictedToOtherApis_Returns403ServiceBlocked()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, GeneratePath, GeminiBody, ("x-goog-api-key", RestrictedKey));

        Assert.Equal(403, answer.Code);
        var error = answer.Json().GetProperty("error");
        Assert.Equal("PERMISSION_DENIED", error.GetProperty("status").GetString());
        Assert.Equal("API_KEY_SERVICE_BLOCKED", error.GetProperty("details")[0].GetProperty("reason").GetString());
        Assert.Equal(
            "Requests to this API generativelanguage.googleapis.com method google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent are blocked.",
            error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GenerateContent_SuspendedConsumer_Returns403ConsumerSuspended()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, GeneratePath, GeminiBody, ("x-goog-api-key", SuspendedKey));

        Assert.Equal(403, answer.Code);
        Assert.Equal("CONSUMER_SUSPENDED", answer.Json().GetProperty("error").GetProperty("details")[0].GetProperty("reason").GetString());
        Assert.Equal("Permission denied: Consumer 'api_key:" + SuspendedKey + "' has been suspended.", answer.ErrorMessage());
    }

    [Fact]
    public async Task GenerateContent_ApiKeyAsBearerToken_Returns401Unauthenticated()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, GeneratePath, GeminiBody, Bearer(ValidKey));

        Assert.Equal(401, answer.Code);
        var error = answer.Json().GetProperty("error");
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("status").GetString());
        Assert.Equal("ACCESS_TOKEN_TYPE_UNSUPPORTED", error.GetProperty("details")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task StreamGenerateContent_AltSse_AnswersOneEventPerChunk()
    {
        using var client = CreateEmulator().WithCompletionText("alpha beta gamma").CreateHttpClient();
        using var request = Request(HttpMethod.Post, "v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", GeminiBody, ("x-goog-api-key", ValidKey));

        var (response, events) = await ServerSentEvents.SendAsync(client, request);
        using (response)
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(3, events.Count);
        var text = string.Concat(events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.Equal("alpha beta gamma", text);
        Assert.Equal("STOP", JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task StreamGenerateContent_WithoutAlt_AnswersJsonArray()
    {
        using var client = CreateEmulator().WithCompletionText("alpha beta").CreateHttpClient();

        var answer = await PostAsync(client, "v1beta/models/gemini-2.5-flash:streamGenerateContent", GeminiBody, ("x-goog-api-key", ValidKey));

        Assert.Equal(200, answer.Code);
        Assert.Equal(JsonValueKind.Array, answer.Json().ValueKind);
        Assert.Equal(2, answer.Json().GetArrayLength());
    }
}
