using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed class ReceivedRequestsTests
{
    [Fact]
    public async Task ReceivedRequests_AfterRequests_RecordMethodPathHeadersBodyAndOutcome()
    {
        var key = TestKeys.OpenAI('h', "Rec1");
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(key);
        using var client = emulator.CreateHttpClient();

        await PostAsync(client, "v1/chat/completions?trace=1", ChatBody, Bearer(key), ("OpenAI-Project", "proj_x"));
        await GetAsync(client, "v1/models");

        var requests = emulator.ReceivedRequests;
        Assert.Equal(2, requests.Count);
        var first = requests[0];
        Assert.Equal("POST", first.Method);
        Assert.Equal("/v1/chat/completions", first.Path);
        Assert.Equal("?trace=1", first.QueryString);
        Assert.Equal("Bearer " + key, first.GetHeader("authorization"));
        Assert.Equal("proj_x", first.Headers["OPENAI-PROJECT"]);
        Assert.StartsWith("application/json", first.GetHeader("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(ChatBody, first.Body);
        Assert.Equal(200, first.StatusCode);
        Assert.Null(first.Failure);
        Assert.Equal(EmulatedFailure.MissingKey, requests[1].Failure);
        Assert.Null(requests[1].GetHeader("Authorization"));
    }

    [Fact]
    public async Task ToString_Request_ShowsNeitherHeadersNorBody()
    {
        var key = TestKeys.OpenAI('t', "Str1");
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI);
        using var client = emulator.CreateHttpClient();

        await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(key));

        var text = emulator.ReceivedRequests.Single().ToString();
        Assert.Equal("POST /v1/chat/completions → 401", text);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearReceivedRequests_AfterRequests_StartsEmpty()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.Gemini);
        using var client = emulator.CreateHttpClient();
        await GetAsync(client, "v1beta/models");

        emulator.ClearReceivedRequests();

        Assert.Empty(emulator.ReceivedRequests);
    }

    [Fact]
    public async Task ReceivedAt_WithTimeProvider_UsesThatClock()
    {
        var now = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var key = TestKeys.OpenAI('n', "Time");
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(key).WithTimeProvider(new FixedTimeProvider(now));
        using var client = emulator.CreateHttpClient();

        var answer = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(key));

        Assert.Equal(now, emulator.ReceivedRequests.Single().ReceivedAt);
        Assert.Equal(now.ToUnixTimeSeconds(), answer.Json().GetProperty("created").GetInt64());
    }
}
