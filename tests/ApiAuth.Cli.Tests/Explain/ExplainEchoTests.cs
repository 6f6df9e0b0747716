using ApiAuth.Cli.Explain;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Explain;

/// <summary>
/// Issue 13: <c>explain</c> takes the echoed key ending and the text it personalizes from the library, not from its own regex
/// and a copied literal. The regex read <c>****_KEY</c> (a variable's name the library judges a placeholder) as "the key ending
/// _KEY"; the library's reading does not.
/// </summary>
public class ExplainEchoTests
{
    /// <summary>The library's wording for a key it never saw, written out here as the oracle.</summary>
    private const string UnknownKeyText = "the key you sent";

    [Fact]
    public void Explain_EchoOfAVariableName_NoKeyEnding_Issue13()
    {
        const string Body = """{"error":{"message":"Your api key: ****_KEY is invalid","type":"invalid_request_error","code":"invalid_api_key"}}""";

        Explanation e = Explainer.Explain(Body, "openai", 401);

        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure?.Cause);
        Assert.Null(e.KeyEnding);
    }

    [Fact]
    public async Task Explain_EchoOfAVariableName_DoesNotSayTheKeyEnding_Issue13()
    {
        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["explain", "--provider", "openai", "--status", "401", """{"error":{"message":"Your api key: ****_KEY is invalid","code":"invalid_api_key"}}"""]);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("the key ending", output, StringComparison.Ordinal);
        Assert.DoesNotContain("…_KEY (the last 4", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Personalize_ReplacesTheLibrarysUnknownKeyText_Issue13()
    {
        Explanation e = Explainer.Explain("""{"error":{"message":"Incorrect API key provided: sk-proj-********Zq7x.","type":"invalid_request_error","code":"invalid_api_key"}}""", "openai", 401);
        string remediation = Assert.IsType<string>(e.Failure?.Remediation);

        Assert.Contains(UnknownKeyText, remediation, StringComparison.Ordinal);
        string personal = e.Personalize(remediation);
        Assert.DoesNotContain(UnknownKeyText, personal, StringComparison.Ordinal);
        Assert.Contains("the key ending Zq7x", personal, StringComparison.Ordinal);
    }
}
