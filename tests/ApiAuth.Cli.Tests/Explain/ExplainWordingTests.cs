using System.Text.Json;
using ApiAuth.Cli.Explain;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Explain;

/// <summary>Issue 12, section 4: "the key ending abcd" from the server's masked echo, and a non-auth body said plainly.</summary>
public class ExplainWordingTests
{
    private const string MaskedEcho = """{"error":{"message":"Incorrect API key provided: sk-proj-********Zq7x. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

    [Fact]
    public async Task Explain_ServerEchoesTheLastFour_SaysTheKeyEndingThem_Issue12()
    {
        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["explain", "--status", "401", MaskedEcho]);

        Assert.Equal(0, exit);
        Assert.Contains("the key ending Zq7x", output, StringComparison.Ordinal);
        Assert.DoesNotContain("the key you sent", output, StringComparison.Ordinal);
        Assert.Contains("…Zq7x (the last 4, from the server's masked echo)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ServerEchoesTheLastFour_JsonToo_Issue12()
    {
        (_, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["explain", "--json", MaskedEcho]);

        using var json = JsonDocument.Parse(output);
        Assert.Equal("Zq7x", json.RootElement.GetProperty("keyEnding").GetString());
        Assert.DoesNotContain("the key you sent", json.RootElement.GetProperty("failure").GetProperty("remediation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NoEcho_KeepsTheLibrarysWording()
    {
        Explanation e = Explainer.Explain("""HTTP/1.1 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""");

        Assert.Null(e.KeyEnding);
        Assert.Equal("the key you sent", e.Personalize("the key you sent"));
    }

    [Theory]
    [InlineData(429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""", "rate limit or quota", "insufficient_quota")]
    [InlineData(404, """{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", "not-found error", "model_not_found")]
    public async Task Explain_NonAuthBody_SaysPlainlyItIsNotAnAuthFailure_Issue12(int status, string body, string kind, string code)
    {
        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["explain", "--status", status.ToString(System.Globalization.CultureInfo.InvariantCulture), body]);

        Assert.Equal(1, exit);
        Assert.Contains("Not an authentication failure: this is a", output, StringComparison.Ordinal);
        Assert.Contains(kind, output, StringComparison.Ordinal);
        Assert.Contains("a new key will not fix it", output, StringComparison.Ordinal);
        Assert.Contains("Error code:  " + code, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NonAuthBodyQuotingAKey_MasksItInTheServerMessage()
    {
        string key = TestKeys.OpenAI("Ms99");

        Explanation e = Explainer.Explain("{\"error\":{\"message\":\"Rate limit reached for key " + key + "\",\"code\":\"rate_limit_exceeded\"}}", status: 429);

        Assert.DoesNotContain(key, e.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("…Ms99", e.ServerMessage, StringComparison.Ordinal);
    }
}
