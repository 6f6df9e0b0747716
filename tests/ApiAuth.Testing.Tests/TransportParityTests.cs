using System.Text.Json;
using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed class TransportParityTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<string> Providers => ["openai", "azure-openai", "anthropic", "gemini"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SameRequest_InMemoryAndKestrel_AnswerIdenticalStatusAndBody(string providerId)
    {
        var (emulator, scenarios) = Scenarios(providerId);
        await using var server = await emulator.StartServerAsync(Ct);
        using var memory = emulator.CreateHttpClient();
        using var socket = server.CreateHttpClient();

        foreach (var (method, path, body, headers) in scenarios)
        {
            var fromMemory = await SendAsync(memory, method, path, body, headers);
            var fromSocket = await SendAsync(socket, method, path, body, headers);

            Assert.Equal(fromMemory.Code, fromSocket.Code);
            Assert.Equal(fromMemory.ContentType, fromSocket.ContentType);
            Assert.Equal(Normalize(fromMemory), Normalize(fromSocket));
        }

        Assert.Equal(scenarios.Count * 2, emulator.ReceivedRequests.Count);
    }

    [Fact]
    public async Task Server_BaseAddress_IsLoopbackWithRandomPort()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI);
        await using var server = await emulator.StartServerAsync(Ct);

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);
        Assert.Equal("/", server.BaseAddress.AbsolutePath);
    }

    [Fact]
    public async Task Server_StreamingChat_ArrivesAsServerSentEvents()
    {
        var key = TestKeys.OpenAI('k', "Strm");
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(key).WithCompletionText("x y z");
        await using var server = await emulator.StartServerAsync(Ct);
        using var client = server.CreateHttpClient();
        using var request = Request(HttpMethod.Post, "v1/chat/completions", StreamingChatBody, Bearer(key));

        var (response, events) = await ServerSentEvents.SendAsync(client, request);
        using (response)
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.TransferEncodingChunked);
        }

        Assert.Equal(6, events.Count);
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Fact]
    public async Task Server_AfterDispose_RefusesConnections()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI);
        var server = await emulator.StartServerAsync(Ct);
        using var client = server.CreateHttpClient();
        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("v1/models", Ct));
    }

    private static string Normalize(Answer answer)
    {
        var body = answer.Body;
        foreach (var header in new[] { "x-request-id", "request-id", "apim-request-id" })
        {
            if (answer.Header(header) is { } id)
            {
                body = body.Replace(id, "<request-id>", StringComparison.Ordinal);
            }
        }

        if (answer.Code == 200 && answer.ContentType == "application/json" && body.StartsWith('{'))
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } value)
            {
                body = body.Replace(value, "<id>", StringComparison.Ordinal);
            }
        }

        return body;
    }

    private static (ProviderEmulator Emulator, List<(HttpMethod, string, string?, (string, string)[])> Scenarios) Scenarios(string providerId)
    {
        var emulator = new ProviderEmulator(providerId).WithTimeProvider(new FixedTimeProvider(Now));
        var scenarios = new List<(HttpMethod, string, string?, (string, string)[])>();
        switch (providerId)
        {
            case "openai":
                var key = TestKeys.OpenAI('p', "Par1");
                emulator.WithKey(key, k => k.Organization("org-p")).WithRevokedKey(TestKeys.OpenAI('r', "Par2")).WithOrganization("org-q");
                scenarios.Add((HttpMethod.Post, "v1/chat/completions", ChatBody, [Bearer(key)]));
                scenarios.Add((HttpMethod.Get, "v1/models", null, [Bearer(key)]));
                scenarios.Add((HttpMethod.Post, "v1/chat/completions", ChatBody, []));
                scenarios.Add((HttpMethod.Post, "v1/chat/completions", ChatBody, [Bearer(TestKeys.OpenAI('x', "Par3"))]));
                scenarios.Add((HttpMethod.Post, "v1/chat/completions", ChatBody, [Bearer(TestKeys.OpenAI('r', "Par2"))]));
                scenarios.Add((HttpMethod.Post, "v1/chat/completions", ChatBody, [Bearer(key), ("OpenAI-Organization", "org-q")]));
                scenarios.Add((HttpMethod.Get, "v1/unknown", null, [Bearer(key)]));
                break;
            case "azure-openai":
                var azureKey = TestKeys.Azure('p');
                emulator.WithKey(azureKey);
                scenarios.Add((HttpMethod.Post, "openai/deployments/d1/chat/completions?api-version=2024-10-21", ChatBody, [("api-key", azureKey)]));
                scenarios.Add((HttpMethod.Post, "openai/deployments/d1/chat/completions?api-version=2024-10-21", ChatBody, []));
                scenarios.Add((HttpMethod.Post, "openai/deployments/d1/chat/completions?api-version=2024-10-21", ChatBody, [("api-key", TestKeys.Azure('x'))]));
                scenarios.Add((HttpMethod.Post, "openai/deployments/d1/chat/completions", ChatBody, [("api-key", azureKey)]));
                break;
            case "anthropic":
                var anthropicKey = TestKeys.Anthropic('p');
                emulator.WithKey(anthropicKey).WithDisabledAccountKey(TestKeys.Anthropic('d'));
                (string, string) version = ("anthropic-version", "2023-06-01");
                scenarios.Add((HttpMethod.Post, "v1/messages", AnthropicBody, [("x-api-key", anthropicKey), version]));
                scenarios.Add((HttpMethod.Post, "v1/messages", AnthropicBody, [version]));
                scenarios.Add((HttpMethod.Post, "v1/messages", AnthropicBody, [("x-api-key", TestKeys.Anthropic('x')), version]));
                scenarios.Add((HttpMethod.Post, "v1/messages", AnthropicBody, [("x-api-key", TestKeys.Anthropic('d')), version]));
                scenarios.Add((HttpMethod.Post, "v1/messages", AnthropicBody, [("x-api-key", anthropicKey)]));
                break;
            default:
                var geminiKey = TestKeys.Gemini('p');
                emulator.WithKey(geminiKey).WithExpiredKey(TestKeys.Gemini('e'));
                scenarios.Add((HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent", GeminiBody, [("x-goog-api-key", geminiKey)]));
                scenarios.Add((HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent?key=" + geminiKey, GeminiBody, []));
                scenarios.Add((HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent", GeminiBody, []));
                scenarios.Add((HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent", GeminiBody, [("x-goog-api-key", TestKeys.Gemini('x'))]));
                scenarios.Add((HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent", GeminiBody, [("x-goog-api-key", TestKeys.Gemini('e'))]));
                scenarios.Add((HttpMethod.Get, "v1beta/models", null, [("x-goog-api-key", geminiKey)]));
                break;
        }

        return (emulator, scenarios);
    }
}
