using System.Text.Json;
using System.Text.RegularExpressions;
using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed partial class OpenAIEmulatorTests
{
    private static readonly string ValidKey = TestKeys.OpenAI('a', "WXyz");
    private static readonly string RevokedKey = TestKeys.OpenAI('r', "Rv01");
    private static readonly string DisabledKey = TestKeys.OpenAI('d', "Ds02");
    private static readonly string ScopedKey = TestKeys.OpenAI('s', "Sc03");

    private static ProviderEmulator CreateEmulator() => new ProviderEmulator(EmulatedProvider.OpenAI)
        .WithKey(ValidKey, k => k.Organization("org-abc").Project("proj_abc"))
        .WithKey(ScopedKey, k => k.Scopes(EmulatorScopes.ModelsRead))
        .WithOrganization("org-other")
        .WithRevokedKey(RevokedKey)
        .WithDisabledAccountKey(DisabledKey);

    [Fact]
    public async Task ChatCompletions_ValidKey_ReturnsChatCompletion()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ValidKey), ("OpenAI-Organization", "org-abc"), ("OpenAI-Project", "proj_abc"));

        Assert.Equal(200, answer.Code);
        var json = answer.Json();
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("gpt-4o-mini", json.GetProperty("model").GetString());
        Assert.Equal("assistant", json.GetProperty("choices")[0].GetProperty("message").GetProperty("role").GetString());
        Assert.True(json.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        Assert.Equal("org-abc", answer.Header("openai-organization"));
        Assert.Equal("proj_abc", answer.Header("openai-project"));
    }

    [Fact]
    public async Task Models_ValidKey_ReturnsModelList()
    {
        using var client = CreateEmulator().WithModels("gpt-4.1", "o3").CreateHttpClient();

        var answer = await GetAsync(client, "v1/models", Bearer(ValidKey));

        Assert.Equal(200, answer.Code);
        var ids = answer.Json().GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToArray();
        Assert.Equal(["gpt-4.1", "o3"], ids);
    }

    [Fact]
    public async Task Embeddings_Base64Encoding_ReturnsBase64Vectors()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/embeddings", """{"model":"text-embedding-3-small","input":["a","b"],"encoding_format":"base64"}""", Bearer(ValidKey));

        Assert.Equal(200, answer.Code);
        var data = answer.Json().GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        var vector = Convert.FromBase64String(data[1].GetProperty("embedding").GetString()!);
        Assert.Equal(8 * sizeof(float), vector.Length);
    }

    [Fact]
    public async Task ChatCompletions_MissingKey_Returns401WithOpenAIWording()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody);

        Assert.Equal(401, answer.Code);
        var error = answer.Json().GetProperty("error");
        Assert.StartsWith("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task ChatCompletions_KeyWithoutBearerScheme_AnswersMissingKey()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, ("Authorization", ValidKey));

        Assert.Equal(401, answer.Code);
        Assert.StartsWith("You didn't provide an API key.", answer.ErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_InvalidKey_Returns401EchoingMaskedKey()
    {
        using var client = CreateEmulator().CreateHttpClient();
        var unknown = TestKeys.OpenAI('z', "abcd");

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(unknown));

        Assert.Equal(401, answer.Code);
        var error = answer.Json().GetProperty("error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        var expected = "Incorrect API key provided: sk-proj-" + new string('*', unknown.Length - 12) + "abcd. You can find your API key at https://platform.openai.com/account/api-keys.";
        Assert.Equal(expected, error.GetProperty("message").GetString());
        Assert.DoesNotContain(unknown, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_RevokedKey_AnswersExactlyLikeInvalidKey()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(RevokedKey));

        Assert.Equal(401, answer.Code);
        Assert.Equal("invalid_api_key", answer.Json().GetProperty("error").GetProperty("code").GetString());
        Assert.EndsWith("Rv01. You can find your API key at https://platform.openai.com/account/api-keys.", answer.ErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_WrongOrganization_ReturnsMismatchedOrganization()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ValidKey), ("OpenAI-Organization", "org-other"));

        Assert.Equal(401, answer.Code);
        Assert.Equal("OpenAI-Organization header should match organization for API key", answer.ErrorMessage());
        Assert.Equal("mismatched_organization", answer.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_UnknownOrganization_ReturnsNoSuchOrganization()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ValidKey), ("OpenAI-Organization", "org-nope"));

        Assert.Equal(401, answer.Code);
        Assert.Equal("No such organization: org-nope.", answer.ErrorMessage());
    }

    [Fact]
    public async Task ChatCompletions_WrongProject_ReturnsMismatchedProject()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ValidKey), ("OpenAI-Project", "proj_other"));

        Assert.Equal(401, answer.Code);
        Assert.Equal("OpenAI-Project header should match project for API key", answer.ErrorMessage());
        Assert.Equal("mismatched_project", answer.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_KeyWithoutModelRequestScope_ReturnsMissingScopes()
    {
        var emulator = CreateEmulator();
        using var client = emulator.CreateHttpClient();

        var models = await GetAsync(client, "v1/models", Bearer(ScopedKey));
        var chat = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ScopedKey));

        Assert.Equal(200, models.Code);
        Assert.Equal(401, chat.Code);
        Assert.StartsWith("You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role", chat.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", chat.Json().GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(EmulatedFailure.InsufficientScope, emulator.ReceivedRequests[^1].Failure);
    }

    [Fact]
    public async Task ChatCompletions_DisabledAccount_ReturnsAccountDeactivated()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(DisabledKey));

        Assert.Equal(401, answer.Code);
        Assert.Equal("account_deactivated", answer.Json().GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("This key is associated with a deactivated account.", answer.ErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyResponse_Always_CarriesRequestIdInOpenAIFormat()
    {
        var emulator = CreateEmulator();
        using var client = emulator.CreateHttpClient();

        var success = await GetAsync(client, "v1/models", Bearer(ValidKey));
        var failure = await GetAsync(client, "v1/models");
        var notFound = await GetAsync(client, "v1/nothing-here", Bearer(ValidKey));

        foreach (var answer in new[] { success, failure, notFound })
        {
            Assert.Matches(RequestIdPattern(), answer.Header("x-request-id"));
        }

        Assert.Equal(failure.Header("x-request-id"), emulator.ReceivedRequests[1].RequestId);
        Assert.Equal(404, notFound.Code);
        Assert.Equal("Invalid URL (GET /v1/nothing-here)", notFound.ErrorMessage());
    }

    [Fact]
    public async Task ChatCompletions_StreamTrue_AnswersServerSentEventsEndingWithDone()
    {
        using var client = CreateEmulator().WithCompletionText("one two three").CreateHttpClient();
        using var request = Request(HttpMethod.Post, "v1/chat/completions", StreamingChatBody, Bearer(ValidKey));

        var (response, events) = await ServerSentEvents.SendAsync(client, request);
        using (response)
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentLength);
        }

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.True(chunks.Count >= 5);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var text = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : string.Empty));
        Assert.Equal("one two three", text);
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task StreamingContent_ReadInMemory_ArrivesOneEventPerRead()
    {
        var handler = CreateEmulator().WithCompletionText("a b c d").CreateHandler();
        using var invoker = new HttpMessageInvoker(handler);
        using var request = Request(HttpMethod.Post, "https://api.openai.com/v1/chat/completions", StreamingChatBody, Bearer(ValidKey));

        using var response = await invoker.SendAsync(request, Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var buffer = new byte[64 * 1024];
        var reads = new List<string>();
        int read;
        while ((read = await stream.ReadAsync(buffer, Ct)) > 0)
        {
            reads.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.Equal(7, reads.Count);
        Assert.All(reads, r => Assert.Matches("^data: .*\n\n$", r));
    }

    [Fact]
    public async Task OpenAICompatible_EmptyBasePath_ServesRoutesWithoutV1()
    {
        var emulator = new ProviderEmulator("openai-compatible").WithBasePath("/").WithKey(ValidKey);
        using var client = emulator.CreateHttpClient();

        var answer = await PostAsync(client, "chat/completions", ChatBody, Bearer(ValidKey));
        var withV1 = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ValidKey));

        Assert.Equal("openai-compatible", emulator.ProviderId);
        Assert.Equal(string.Empty, emulator.BasePath);
        Assert.Equal(200, answer.Code);
        Assert.Equal(404, withV1.Code);
    }

    [Fact]
    public async Task ChatCompletions_MalformedJson_Returns400AfterAuthentication()
    {
        using var client = CreateEmulator().CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", "{not json", Bearer(ValidKey));

        Assert.Equal(400, answer.Code);
        Assert.StartsWith("We could not parse the JSON body of your request.", answer.ErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Send_SynchronousDoor_AnswersLikeSendAsync()
    {
        var emulator = CreateEmulator();
        using var client = emulator.CreateHttpClient();
        using var request = Request(HttpMethod.Post, "v1/chat/completions", ChatBody, Bearer(TestKeys.OpenAI('q', "Sync")));

        using var response = client.Send(request, Ct);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(EmulatedFailure.InvalidKey, emulator.ReceivedRequests.Single().Failure);
    }

    [GeneratedRegex("^req_[0-9a-f]{32}$")]
    private static partial Regex RequestIdPattern();
}
