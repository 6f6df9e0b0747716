using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Doctor;

public class DotEnvTests
{
    [Fact]
    public void Parse_CommonSyntax_ReadsValuesAndLines()
    {
        const string Text = "# comment\n\nexport OPENAI_API_KEY=abc # inline\nANTHROPIC_API_KEY='single # kept'\nGEMINI_API_KEY=\"dq\\nline\"\nMULTI=\"a\nb\"\nnot a line\nOPENAI_BASE_URL = https://x/v1\n";

        IReadOnlyList<DotEnvEntry> entries = DotEnvParser.Parse(Text);

        Assert.Equal(
            [
                new DotEnvEntry("OPENAI_API_KEY", "abc", 3),
                new DotEnvEntry("ANTHROPIC_API_KEY", "single # kept", 4),
                new DotEnvEntry("GEMINI_API_KEY", "dq\nline", 5),
                new DotEnvEntry("MULTI", "a\nb", 6),
                new DotEnvEntry("OPENAI_BASE_URL", "https://x/v1", 9),
            ],
            entries);
    }

    [Fact]
    public void Parse_ExportThenTab_ReadsTheVariableAsTheLintDoes()
    {
        const string Text = "export\tOPENAI_API_KEY=abc\n";

        Assert.Equal([new DotEnvEntry("OPENAI_API_KEY", "abc", 1)], DotEnvParser.Parse(Text));
        Assert.Equal([1], DotEnvLint.Run(Text, ".env").ExportLines);
    }

    [Theory]
    [InlineData(".env", true)]
    [InlineData(".env.local", true)]
    [InlineData(".env.example", false)]
    [InlineData(".env.sample", false)]
    [InlineData("env", false)]
    public void IsDotEnv_Name_RecognisesFilesNotTemplates(string name, bool expected) => Assert.Equal(expected, DotEnvChecks.IsDotEnv(name));

    [Fact]
    public void Run_VariableInDotEnvNotLoaded_WarnsAndExplainsMissingKey()
    {
        var workspace = new FakeWorkspace().File(".env", "OPENAI_API_KEY=" + TestKeys.OpenAI() + "\n");

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        CheckResult check = report.At("dotenv.not-loaded", ".env");
        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Equal((".env", 1), (check.File, check.Line));
        Assert.Contains("OPENAI_API_KEY (.env:1)", report.Single("env.none").Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DotEnvDiffersFromEnvironment_WarnsStaleExportWithHintsOnly()
    {
        string exported = TestKeys.OpenAI("Old1", seed: 7), inFile = TestKeys.OpenAI("New2", seed: 8);
        var workspace = new FakeWorkspace().File(".env", "OPENAI_API_KEY=" + inFile + "\n");

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_API_KEY", exported), workspace);

        CheckResult check = report.At("dotenv.differs", ".env", 1);
        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("sk-proj-…Old1", check.Title, StringComparison.Ordinal);
        Assert.Contains("sk-proj-…New2", check.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(inFile, check.Title, StringComparison.Ordinal);
        Assert.Contains("stale export", check.Remediation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Run_DotEnvInParentUpToRepositoryRoot_IsFound()
    {
        string key = TestKeys.Anthropic();
        var workspace = new FakeWorkspace(currentRelative: Path.Combine("src", "app")).File(".env", "ANTHROPIC_API_KEY=" + key);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("ANTHROPIC_API_KEY", key), workspace);

        Assert.Equal(CheckStatus.Pass, report.At("dotenv.matches", ".env", 1).Status);
    }

    [Fact]
    public void Run_TrackedDotEnvWithKey_Fails()
    {
        var workspace = new FakeWorkspace().File(".env", "OPENAI_API_KEY=" + TestKeys.OpenAI() + "\n", tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        CheckResult check = report.At("dotenv.tracked", ".env");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("git rm --cached .env", check.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TrackedDotEnvWithPlaceholdersOnly_Warns()
    {
        var workspace = new FakeWorkspace().File(".env", "OPENAI_API_KEY=YOUR_API_KEY\nOPENAI_BASE_URL=http://localhost:11434/v1\n", tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        Assert.Equal(CheckStatus.Warn, report.At("dotenv.tracked", ".env").Status);
    }
}
