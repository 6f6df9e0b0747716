using System.Text.Json;
using System.Text.RegularExpressions;
using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed partial class AnthropicEmulatorTests
{
    private static readonly (string, string) Version = ("anthropic-version", "2023-06-01");
    private static readonly string ValidKey = TestKeys.Anthropic('a');
    private static readonly string RevokedKey = TestKeys.Anthropic('r');
    private static readonly string DisabledKey = TestKeys.Anthropic('d');
    private static readonly string ModelsOnlyKey = TestKeys.Anthropic('m');

    private static ProviderEmulator CreateEmulator() => new ProviderEmulator(EmulatedProvider.Anthropic)
        .WithKey(ValidKey)
        .WithKey(ModelsOnlyKey, k => k.Scopes(EmulatorScopes.ModelsRead))
        .WithRevokedKey(RevokedKey)
        .WithDisabledAccountKey(DisabledKey);

    [Fact]
    public async Task Messages_ValidKey_ReturnsMessage()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", ValidKey), Version);

        Assert.Equal(200, answer.Code);
        var json = answer.Json();
        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.StartsWith("msg_01", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("text", json.GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("end_turn", json.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Models_BearerKey_IsAcceptedLikeXApiKey()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await GetAsync(client, "v1/models", Bearer(ValidKey), Version);

        Assert.Equal(200, answer.Code);
        Assert.Equal("model", answer.Json().GetProperty("data")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_MissingKey_Returns401HeaderRequired()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/messages", AnthropicBody, Version);

        Assert.Equal(401, answer.Code);
        AssertError(answer, "authentication_error", "x-api-key header is required");
    }

    [Fact]
    public async Task Messages_InvalidAndRevokedKeys_Return401InvalidXApiKey()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var invalid = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", TestKeys.Anthropic('z')), Version);
        var revoked = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", RevokedKey), Version);

        Assert.Equal(401, invalid.Code);
        Assert.Equal(401, revoked.Code);
        AssertError(invalid, "authentication_error", "invalid x-api-key");
        AssertError(revoked, "authentication_error", "invalid x-api-key");
    }

    [Fact]
    public async Task Messages_MissingVersionHeader_Returns400()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", ValidKey));

        Assert.Equal(400, answer.Code);
        AssertError(answer, "invalid_request_error", "anthropic-version: header is required");
    }

    [Fact]
    public async Task Messages_KeyWithoutPermission_Returns403PermissionError()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", ModelsOnlyKey), Version);

        Assert.Equal(403, answer.Code);
        AssertError(answer, "permission_error", "Your API key does not have permission to use the specified resource.");
    }

    [Fact]
    public async Task Messages_DisabledOrganization_Returns400OrganizationDisabled()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", DisabledKey), Version);

        Assert.Equal(400, answer.Code);
        AssertError(answer, "invalid_request_error", "This organization has been disabled.");
    }

    [Fact]
    public async Task ErrorBody_Always_CarriesTheRequestIdOfTheHeader()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", TestKeys.Anthropic('z')), Version);

        var requestId = answer.Header("request-id");
        Assert.Matches(RequestIdPattern(), requestId);
        Assert.Equal(requestId, answer.Json().GetProperty("request_id").GetString());
        Assert.Equal("false", answer.Header("x-should-retry"));
    }

    [Fact]
    public async Task Messages_StreamTrue_AnswersAnthropicEventSequence()
    {
        using var client = CreateEmulator().WithCompletionText("Hello there").CreateHttpClient();
        using var request = Request(HttpMethod.Post, "v1/messages", AnthropicStreamingBody, ("x-api-key", ValidKey), Version);

        var (response, events) = await ServerSentEvents.SendAsync(client, request);
        response.Dispose();

        Assert.Equal(
            ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Event).ToArray());
        Assert.All(events, e => Assert.Equal(e.Event, JsonDocument.Parse(e.Data).RootElement.GetProperty("type").GetString()));
        var text = string.Concat(events.Where(e => e.Event == "content_block_delta").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("Hello there", text);
    }

    private static void AssertError(Answer answer, string type, string message)
    {
        var json = answer.Json();
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal(type, json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, json.GetProperty("error").GetProperty("message").GetString());
    }

    [GeneratedRegex("^req_011C[0-9A-Za-z]{20}$")]
    private static partial Regex RequestIdPattern();
}
