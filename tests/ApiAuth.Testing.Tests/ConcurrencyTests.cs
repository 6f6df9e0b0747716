using ApiAuth.Testing.Tests.TestSupport;
using static ApiAuth.Testing.Tests.TestSupport.Http;

namespace ApiAuth.Testing.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Server_TwoHundredParallelRequests_AllAnsweredCorrectly()
    {
        var valid = TestKeys.OpenAI('c', "Conc");
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(valid);
        await using var server = await emulator.StartServerAsync(Ct);
        using var client = server.CreateHttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var key = i % 2 == 0 ? valid : TestKeys.OpenAI('w', i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            return (Index: i, Answer: await PostAsync(client, "v1/chat/completions", ChatBody, Bearer(key)));
        }));

        Assert.All(answers, a => Assert.Equal(a.Index % 2 == 0 ? 200 : 401, a.Answer.Code));
        Assert.All(answers.Where(a => a.Index % 2 == 1), a => Assert.EndsWith(
            a.Index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + ". You can find your API key at https://platform.openai.com/account/api-keys.",
            a.Answer.ErrorMessage(),
            StringComparison.Ordinal));
        Assert.Equal(200, answers.Select(a => a.Answer.Header("x-request-id")).Distinct().Count());
        Assert.Equal(200, emulator.ReceivedRequests.Count);
    }

    [Fact]
    public async Task Handler_ConfigurationChangedDuringTraffic_NeverFailsARequestOfAStableKey()
    {
        var stable = TestKeys.Anthropic('s');
        var emulator = new ProviderEmulator(EmulatedProvider.Anthropic).WithKey(stable);
        using var client = emulator.CreateHttpClient();

        var traffic = Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(
            () => PostAsync(client, "v1/messages", AnthropicBody, ("x-api-key", stable), ("anthropic-version", "2023-06-01")),
            Ct)));
        for (var i = 0; i < 100; i++)
        {
            emulator.WithRevokedKey(TestKeys.Anthropic((char)('A' + (i % 26))) + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var answers = await traffic;

        Assert.All(answers, a => Assert.Equal(200, a.Code));
    }
}
