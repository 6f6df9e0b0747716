using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Doctor;

public class CredentialChecksTests
{
    [Fact]
    public void Run_NoKeyAnywhere_FailsAndSaysExactlyWhatToSet()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment());

        CheckResult none = report.Single("env.none");
        Assert.Equal(CheckStatus.Fail, none.Status);
        Assert.Equal(nameof(AuthFailureCause.MissingKey), none.Cause);
        foreach (string variable in (string[])["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT"])
        {
            Assert.Contains($"export {variable}=", none.Remediation, StringComparison.Ordinal);
        }

        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void Run_NoKeyOnWindows_SpellsPowerShell()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment { IsWindows = true });

        Assert.Contains("$env:OPENAI_API_KEY = ", report.Single("env.none").Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CleanOpenAIKey_PassesWithHintOnly()
    {
        string key = TestKeys.OpenAI();
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_API_KEY", key));

        CheckResult format = report.Single("key.openai.OPENAI_API_KEY.format");
        Assert.Equal(CheckStatus.Pass, format.Status);
        Assert.Equal("sk-proj-…Ab12", format.KeyHint);
        Assert.Equal(0, report.ExitCode);
        Assert.DoesNotContain(report.Checks, c => (c.Title + c.Detail + c.Remediation).Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\n", "line break")]
    [InlineData("  ", "whitespace")]
    [InlineData("\u200B", "invisible")]
    public void Run_KeyWithStrayCharacters_Fails(string stray, string expected)
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_API_KEY", TestKeys.OpenAI() + stray));

        CheckResult check = report.Single("key.openai.OPENAI_API_KEY.characters");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains(expected, check.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_QuotedKey_FailsWithQuotes()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("ANTHROPIC_API_KEY", "\"" + TestKeys.Anthropic() + "\""));

        Assert.Contains("quotes", report.Single("key.anthropic.ANTHROPIC_API_KEY.characters").Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("YOUR_API_KEY")]
    [InlineData("${OPENAI_API_KEY}")]
    [InlineData("undefined")]
    public void Run_PlaceholderKey_FailsAsPlaceholder(string value)
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_API_KEY", value));

        CheckResult check = report.Single("key.openai.OPENAI_API_KEY.refused");
        Assert.Equal(nameof(AuthFailureCause.PlaceholderKey), check.Cause);
    }

    [Fact]
    public void Run_AnthropicKeyInOpenAIVariable_FailsAsWrongProvider()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_API_KEY", TestKeys.Anthropic()));

        CheckResult check = report.Single("key.openai.OPENAI_API_KEY.refused");
        Assert.Equal(nameof(AuthFailureCause.WrongProviderKey), check.Cause);
        Assert.Contains("Anthropic", check.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OpenRouterKeyWithOpenRouterBaseUrl_Passes()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment()
            .Set("OPENAI_API_KEY", TestKeys.OpenRouter())
            .Set("OPENAI_BASE_URL", "https://openrouter.ai/api/v1"));

        Assert.Equal(CheckStatus.Pass, report.Single("key.openai.OPENAI_API_KEY.format").Status);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void Run_EmptyKey_FailsAsMissing()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("GEMINI_API_KEY", ""));

        CheckResult check = report.Single("env.gemini.GEMINI_API_KEY");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal(nameof(AuthFailureCause.MissingKey), check.Cause);
    }

    [Fact]
    public void Run_BothGeminiVariablesDiffer_WarnsThatGoogleApiKeyWins()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment()
            .Set("GEMINI_API_KEY", TestKeys.Gemini())
            .Set("GOOGLE_API_KEY", TestKeys.Gemini("Zz99", seed: 9)));

        CheckResult check = report.Single("env.gemini.conflict");
        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("GOOGLE_API_KEY", check.Detail, StringComparison.Ordinal);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void Run_AzureKeyWithoutEndpoint_Fails()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("AZURE_OPENAI_API_KEY", TestKeys.Azure()));

        Assert.Equal(CheckStatus.Fail, report.Single("env.azure-openai.endpoint").Status);
    }

    [Theory]
    [InlineData("OPENAI_ORG_ID", "proj_abcdefgh1234", "project id")]
    [InlineData("OPENAI_PROJECT_ID", "org-abcdefgh1234", "organization id")]
    [InlineData("OPENAI_ORG_ID", "My Company", "is not an OpenAI organization id")]
    [InlineData("OPENAI_PROJECT_ID", "proj_abcdefgh1234\n", "line break")]
    public void Run_BadOrganizationOrProject_Fails(string variable, string value, string expected)
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_API_KEY", TestKeys.OpenAI()).Set(variable, value));

        CheckResult check = report.Single($"organization.openai.{variable}");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains(expected, check.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ProviderFilter_ChecksOnlyThatProvider()
    {
        DoctorReport report = DoctorHarness.Run(
            new FakeEnvironment().Set("ANTHROPIC_API_KEY", TestKeys.Anthropic()).Set("OPENAI_API_KEY", "YOUR_API_KEY"),
            options: new DoctorOptions { Providers = new HashSet<string>(["anthropic"]) });

        Assert.DoesNotContain(report.Checks, c => c.Provider == "openai");
        Assert.Equal(0, report.ExitCode);
    }
}
