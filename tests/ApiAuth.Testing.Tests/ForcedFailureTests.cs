using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed class ForcedFailureTests
{
    private static readonly string ValidKey = TestKeys.OpenAI('a', "Fail");

    [Fact]
    public async Task FailNext_TwoRequests_FailsExactlyThoseThenSucceeds()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(ValidKey);
        emulator.FailNext(EmulatedFailure.InvalidKey, count: 2);
        using var client = emulator.CreateHttpClient();

        var codes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ValidKey))).Code);
        }

        Assert.Equal([401, 401, 200], codes);
        Assert.Equal([EmulatedFailure.InvalidKey, EmulatedFailure.InvalidKey, null], emulator.ReceivedRequests.Select(r => r.Failure).ToArray());
    }

    [Fact]
    public async Task FailNext_ForcedFailure_IsWordedByTheProvider()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.Anthropic).WithKey(TestKeys.Anthropic('a'));
        emulator.FailNext(EmulatedFailure.AccountDisabled);
        using var client = emulator.CreateHttpClient();

        var answer = await PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", TestKeys.Anthropic('a')), ("anthropic-version", "2023-06-01"));

        Assert.Equal(400, answer.Code);
        Assert.Equal("This organization has been disabled.", answer.Json().GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task FailRequestsTo_Path_FailsOnlyThatPathUntilCleared()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(ValidKey);
        emulator.FailRequestsTo("/v1/embeddings", EmulatedFailure.InsufficientScope);
        using var client = emulator.CreateHttpClient();

        var embeddings = await PostAsync(client, "v1/embeddings", """{"input":"x"}""", Bearer(ValidKey));
        var chat = await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(ValidKey));
        emulator.ClearForcedFailures();
        var afterClear = await PostAsync(client, "v1/embeddings", """{"input":"x"}""", Bearer(ValidKey));

        Assert.Equal(401, embeddings.Code);
        Assert.Contains("Missing scopes: model.request.", embeddings.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal(200, chat.Code);
        Assert.Equal(200, afterClear.Code);
    }

    [Fact]
    public async Task FailNext_ConcurrentRequests_ConsumesExactlyCount()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(ValidKey);
        emulator.FailNext(EmulatedFailure.RevokedKey, count: 50);
        using var client = emulator.CreateHttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => GetAsync(client, "v1/models", Bearer(ValidKey)), Ct)));

        Assert.Equal(50, answers.Count(a => a.Code == 401));
        Assert.Equal(150, answers.Count(a => a.Code == 200));
    }

    [Fact]
    public async Task RevokeKey_MidTest_RefusesTheKeyFromTheNextRequest()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(ValidKey);
        using var client = emulator.CreateHttpClient();

        var before = await GetAsync(client, "v1/models", Bearer(ValidKey));
        emulator.RevokeKey(ValidKey);
        var after = await GetAsync(client, "v1/models", Bearer(ValidKey));

        Assert.Equal(200, before.Code);
        Assert.Equal(401, after.Code);
        Assert.Equal(EmulatedFailure.RevokedKey, emulator.ReceivedRequests[^1].Failure);
    }

    [Fact]
    public void FailNext_InvalidArguments_Throw()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI);

        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.FailNext(EmulatedFailure.InvalidKey, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.FailNext((EmulatedFailure)999));
        Assert.Throws<ArgumentException>(() => emulator.FailRequestsTo(string.Empty, EmulatedFailure.InvalidKey));
    }
}
