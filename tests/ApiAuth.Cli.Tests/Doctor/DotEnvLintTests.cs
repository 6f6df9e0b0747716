using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Rendering;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Doctor;

/// <summary>The per-line .env checks of issue 12, section 3: each problem named with its file and line, and the exact fix.</summary>
public class DotEnvLintTests
{
    private static DoctorReport Run(string dotEnv, FakeEnvironment? environment = null, bool ignored = true, DoctorOptions? options = null)
    {
        var workspace = new FakeWorkspace().File(".env", dotEnv);
        if (ignored)
        {
            workspace.Ignore(".env");
        }

        return DoctorHarness.Run(environment ?? new FakeEnvironment(), workspace, options);
    }

    [Fact]
    public void Run_CrlfLineEndings_NamedWithTheSedFixAndNoSourcingAdvice_Issue12()
    {
        DoctorReport report = Run("OPENAI_API_KEY=" + TestKeys.OpenAI() + "\r\nOPENAI_ORG_ID=org-" + "abcdefgh12\r\n");

        CheckResult crlf = report.At("dotenv.crlf", ".env", 1);
        Assert.Equal(CheckStatus.Fail, crlf.Status);
        Assert.Contains("2 of 2 lines", crlf.Title, StringComparison.Ordinal);
        Assert.Contains("sed -i 's/\\r$//' .env", crlf.Remediation, StringComparison.Ordinal);
        CheckResult notLoaded = report.At("dotenv.not-loaded", ".env");
        Assert.Contains("Do not source it", notLoaded.Remediation, StringComparison.Ordinal);
        Assert.Contains("sed -i 's/\\r$//' .env", notLoaded.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ByteOrderMark_Named_Issue12()
    {
        CheckResult bom = Run("\uFEFFOPENAI_API_KEY=" + TestKeys.OpenAI() + "\n").At("dotenv.bom", ".env", 1);

        Assert.Equal(CheckStatus.Fail, bom.Status);
        Assert.Contains("1s/^\\xEF\\xBB\\xBF//", bom.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LiteralEscapeInsideQuotes_NamedOnItsLineNotBlamedOnABackslash_Issue12()
    {
        string key = TestKeys.OpenAI();

        DoctorReport report = Run("# keys\nOPENAI_API_KEY=\"" + key + "\\n\"\n", new FakeEnvironment().Set("OPENAI_API_KEY", key + "\\n"));

        CheckResult escape = report.At("dotenv.escape", ".env", 2);
        Assert.Equal(CheckStatus.Fail, escape.Status);
        Assert.Contains("literal \\n", escape.Title, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, report.Single("key.openai.OPENAI_API_KEY.escape").Status);
        Assert.DoesNotContain(report.Checks, c => c.Title.Contains("the character '\\'", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Fail, report.At("dotenv.sourced", ".env", 2).Status);
        Assert.DoesNotContain(report.Checks, c => c.Id == "dotenv.matches");
    }

    [Theory]
    [InlineData("OPENAI_API_KEY = {0}")]
    [InlineData("OPENAI_API_KEY ={0}")]
    [InlineData("OPENAI_API_KEY= {0}")]
    [InlineData("export OPENAI_API_KEY = {0}")]
    public void Run_SpacesAroundEquals_Named_Issue12(string line)
    {
        DoctorReport report = Run("A=1\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, line, TestKeys.OpenAI()) + "\n");

        CheckResult check = report.At("dotenv.spaces-around-equals", ".env", 2);
        Assert.Equal((CheckStatus.Fail, "OPENAI_API_KEY"), (check.Status, check.Variable));
        Assert.Contains("OPENAI_API_KEY=value", check.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TrailingBlanksAndBlanksInsideQuotes_Named_Issue12()
    {
        DoctorReport report = Run("OPENAI_API_KEY=" + TestKeys.OpenAI() + "   \nANTHROPIC_API_KEY=\"  " + TestKeys.Anthropic() + "\"\n");

        Assert.Equal(CheckStatus.Warn, report.At("dotenv.trailing-blanks", ".env", 1).Status);
        CheckResult leading = report.At("dotenv.blanks", ".env", 2);
        Assert.Equal(CheckStatus.Fail, leading.Status);
        Assert.Contains("leading", leading.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnbalancedQuote_NamedAndTheNextLinesStillRead_Issue12()
    {
        DoctorReport report = Run("OPENAI_API_KEY=\"" + TestKeys.OpenAI() + "\nOPENAI_BASE_URL=http://llm.example.com/v1\n");

        Assert.Equal(CheckStatus.Fail, report.At("dotenv.unbalanced-quote", ".env", 1).Status);
        Assert.Equal(CheckStatus.Fail, report.At("dotenv.base-url.insecure", ".env", 2).Status);
    }

    [Theory]
    [InlineData("\u201C", "\u201D")]
    [InlineData("\u2018", "\u2019")]
    public void Run_TypographicQuotes_Named_Issue12(string open, string close)
    {
        CheckResult check = Run("GEMINI_API_KEY=" + open + TestKeys.Gemini() + close + "\n").At("dotenv.typographic-quote", ".env", 1);

        Assert.Equal(CheckStatus.Fail, check.Status);
    }

    [Fact]
    public void Run_DuplicateVariable_SaysTheLastWinsAndComparesThatLine_Issue12()
    {
        string old = TestKeys.OpenAI("Old1", seed: 7), current = TestKeys.OpenAI("New2", seed: 8);

        DoctorReport report = Run($"OPENAI_API_KEY={old}\nA=1\nOPENAI_API_KEY={current}\n", new FakeEnvironment().Set("OPENAI_API_KEY", current));

        CheckResult duplicate = report.At("dotenv.duplicate", ".env", 3);
        Assert.Contains("lines 1, 3): line 3 wins", duplicate.Title, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, report.At("dotenv.matches", ".env", 3).Status);
    }

    [Fact]
    public void Run_ExportPrefixOnACleanFile_IsFineAndTheFileIsSafeToSource_Issue12()
    {
        DoctorReport report = Run("export OPENAI_API_KEY=" + TestKeys.OpenAI() + "\nexport OPENAI_BASE_URL=https://api.openai.com/v1\n");

        CheckResult export = report.At("dotenv.export", ".env", 1);
        Assert.Equal(CheckStatus.Info, export.Status);
        Assert.Contains("lines 1, 2 is fine", export.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Checks, c => c.Category == CheckCategory.DotEnv && c.Status == CheckStatus.Fail);
        CheckResult notLoaded = report.At("dotenv.not-loaded", ".env");
        Assert.EndsWith("set -a; . ./.env; set +a", notLoaded.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("Do not source", notLoaded.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NotGitIgnoredFileWithKey_Warns_Issue12()
    {
        DoctorReport notIgnored = Run("OPENAI_API_KEY=" + TestKeys.OpenAI() + "\n", ignored: false);
        DoctorReport ignored = Run("OPENAI_API_KEY=" + TestKeys.OpenAI() + "\n", ignored: true);

        Assert.Equal(CheckStatus.Warn, notIgnored.At("dotenv.not-ignored", ".env").Status);
        Assert.Empty(ignored.All("dotenv.not-ignored"));
    }

    [Theory]
    [InlineData("OPENAI_BASE_URL=https://api.openai.com/v1/chat/completions", "dotenv.base-url.endpoint")]
    [InlineData("OPENAI_BASE_URL=https://api.openai.com/", "dotenv.base-url.version")]
    [InlineData("OPENAI_BASE_URL=http://llm.example.com/v1", "dotenv.base-url.insecure")]
    [InlineData("OPENAI_BASE_URL=\" https://api.openai.com/v1\"", "dotenv.base-url.whitespace")]
    [InlineData("ANTHROPIC_BASE_URL=https://api.anthropic.com/v1/messages", "dotenv.base-url.endpoint")]
    public void Run_BaseUrlInFile_CheckedLikeTheEnvironment_Issue12(string line, string id)
    {
        CheckResult check = Run("X=1\n" + line + "\n").At(id, ".env", 2);

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.StartsWith(".env:2: ", check.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ProcessSetBySourcingACrlfFile_SaysSoInsteadOfMatches_Issue12()
    {
        string key = TestKeys.OpenAI();

        DoctorReport report = Run("OPENAI_API_KEY=" + key + "\r\n", new FakeEnvironment().Set("OPENAI_API_KEY", key + "\r"));

        CheckResult sourced = report.At("dotenv.sourced", ".env", 1);
        Assert.Equal(CheckStatus.Fail, sourced.Status);
        Assert.Contains("carriage return", sourced.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Checks, c => c.Id == "dotenv.matches");
    }

    [Fact]
    public void Write_SeveralVariablesNotLoaded_GivesTheAdviceOnce_Issue12()
    {
        DoctorReport report = Run("OPENAI_API_KEY=" + TestKeys.OpenAI() + "\nANTHROPIC_API_KEY=" + TestKeys.Anthropic() + "\nGEMINI_API_KEY=" + TestKeys.Gemini() + "\n");
        using var text = new StringWriter();

        TextReport.Write(report, text, color: false);

        CheckResult notLoaded = Assert.Single(report.All("dotenv.not-loaded"));
        Assert.Contains("OPENAI_API_KEY (line 1), ANTHROPIC_API_KEY (line 2), GEMINI_API_KEY (line 3)", notLoaded.Title, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text.ToString(), "set -a; "));
    }

    [Fact]
    public void Write_SameRemediationTwice_PrintsItOnce_Issue12()
    {
        string key = TestKeys.OpenAI();
        var workspace = new FakeWorkspace()
            .File("a.py", $"k = \"{key}\"\n", tracked: true)
            .File("b.py", $"k = \"{key}\"\n", tracked: true);
        using var text = new StringWriter();

        TextReport.Write(DoctorHarness.Run(new FakeEnvironment(), workspace), text, color: false);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text.ToString(), "Treat it as leaked"));
        Assert.Contains("(the same fix as above)", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ProviderFilter_FiltersTheDotEnvSection_Issue12()
    {
        var workspace = new FakeWorkspace()
            .File(".env", "OPENAI_API_KEY=" + TestKeys.OpenAI() + " \nANTHROPIC_API_KEY=" + TestKeys.Anthropic() + " \n")
            .File("openai-only/.env", "OPENAI_API_KEY=\"" + TestKeys.OpenAI() + "\\n\"\r\n")
            .File("code.py", "k = \"" + TestKeys.OpenAI(seed: 9) + "\"\n", tracked: true);
        var options = new DoctorOptions { Providers = new HashSet<string>(["anthropic"], StringComparer.OrdinalIgnoreCase) };

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace, options);

        Assert.DoesNotContain(report.Checks, c => c.Provider is not null && c.Provider != "anthropic");
        Assert.DoesNotContain(report.Checks, c => c.File == "openai-only/.env");
        Assert.Equal("ANTHROPIC_API_KEY", report.At("dotenv.trailing-blanks", ".env", 2).Variable);
        Assert.DoesNotContain(report.Checks, c => c.Id == "secrets.committed");
    }

    [Fact]
    public void Run_KeysInTheFile_GetTheSameKeyChecksAsTheEnvironment_Issue12()
    {
        DoctorReport report = Run("OPENAI_API_KEY=YOUR_API_KEY\nANTHROPIC_API_KEY=" + TestKeys.OpenAI("Wp01") + "\nGEMINI_API_KEY=" + TestKeys.Gemini("Gm12") + "\n");

        Assert.Equal(CheckStatus.Warn, report.At("dotenv.key.placeholder", ".env", 1).Status);
        CheckResult wrong = report.At("dotenv.key.refused", ".env", 2);
        Assert.Equal((CheckStatus.Fail, "sk-proj-…Wp01"), (wrong.Status, wrong.KeyHint));
        Assert.Equal(CheckStatus.Pass, report.At("dotenv.key.key", ".env", 3).Status);
    }
}
