using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Secrets;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Doctor;

public class SecretChecksTests
{
    [Fact]
    public void Run_CommittedKeys_ReportsFileLineVendorAndHintOnly()
    {
        string openai = TestKeys.OpenAI(), gemini = TestKeys.Gemini(), azure = TestKeys.Azure();
        var workspace = new FakeWorkspace()
            .File("src/config.py", $"import os\n\nclient = OpenAI(api_key=\"{openai}\")\n", tracked: true)
            .File("web/app.js", $"const g = '{gemini}';\n", tracked: true)
            .File("deploy/settings.yaml", $"env:\n  AZURE_OPENAI_API_KEY: {azure}\n", tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        CheckResult o = report.At("secrets.committed", "src/config.py", 3);
        Assert.Equal((CheckStatus.Fail, "src/config.py", 3, "sk-proj-…Ab12"), (o.Status, o.File, o.Line, o.KeyHint));
        Assert.Contains("OpenAI", o.Title, StringComparison.Ordinal);
        Assert.Contains("Google", report.At("secrets.committed", "web/app.js", 1).Title, StringComparison.Ordinal);
        Assert.Contains("Azure OpenAI", report.At("secrets.committed", "deploy/settings.yaml", 2).Title, StringComparison.Ordinal);
        string all = string.Join("\n", report.Checks.Select(c => $"{c.Title} {c.Detail} {c.Remediation} {c.KeyHint}"));
        Assert.DoesNotContain(openai, all, StringComparison.Ordinal);
        Assert.DoesNotContain(gemini, all, StringComparison.Ordinal);
        Assert.DoesNotContain(azure, all, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CommittedKeyOfVendorTheDoctorDoesNotCheck_LinksTheCatalogsKeysPage()
    {
        var workspace = new FakeWorkspace().File("notes.md", "key: " + TestKeys.OpenRouter(), tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        CheckResult check = report.At("secrets.committed", "notes.md", 1);
        Assert.Contains(ApiAuthProviderInfo.Find("openrouter")!.KeysUrl!, check.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard", check.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CommittedAzureKey_LinksThePortalWithTheCliHint()
    {
        var workspace = new FakeWorkspace().File("deploy/settings.yaml", $"env:\n  AZURE_OPENAI_API_KEY: {TestKeys.Azure()}\n", tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        Assert.Contains("https://portal.azure.com (your resource > Keys and Endpoint): regenerate the key", report.At("secrets.committed", "deploy/settings.yaml", 2).Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CommittedXaiKey_SaysAnXaiKeyAsTheLibraryDoes()
    {
        var workspace = new FakeWorkspace().File("notes.md", "key: " + "xai-" + TestKeys.Body(80, 6), tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        Assert.Contains(": an xAI key (", report.At("secrets.committed", "notes.md", 1).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CommittedKeyIsTheExportedKey_SaysItWasProbablyRevoked()
    {
        string key = TestKeys.OpenAI();
        var workspace = new FakeWorkspace().File("notes.md", "key: " + key, tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_API_KEY", key), workspace);

        CheckResult check = report.At("secrets.committed", "notes.md", 1);
        Assert.Equal("OPENAI_API_KEY", check.Variable);
        Assert.Contains("revoke", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BinaryLargeUntrackedAndPlaceholderFiles_AreNotReported()
    {
        byte[] binary = [.. System.Text.Encoding.UTF8.GetBytes(TestKeys.OpenAI()), 0, 1, 2];
        var workspace = new FakeWorkspace()
            .File("blob.data1", binary, tracked: true)
            .File("big.txt", TestKeys.OpenAI() + new string('\n', SecretChecks.MaxFileBytes), tracked: true)
            .File("untracked.txt", TestKeys.OpenAI(), tracked: false)
            .File("README.md", "export OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nOPENAI_API_KEY = Environment.GetEnvironmentVariable(\"X\")\n", tracked: true);

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        CheckResult none = report.Single("secrets.none");
        Assert.Equal(CheckStatus.Pass, none.Status);
        Assert.Contains("2 skipped", none.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NotInRepository_SkipsScan()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), new FakeWorkspace(inRepository: false));

        Assert.Equal(CheckStatus.Info, report.Single("secrets.no-repository").Status);
    }

    [Fact]
    public void Scan_ManyKeysOnOneLine_FindsEachOnce()
    {
        string a = TestKeys.OpenAI(), b = TestKeys.Anthropic();

        List<SecretFinding> findings = SecretScanner.Scan($"{a} {b} {a}");

        Assert.Equal(["OpenAI", "Anthropic"], findings.Select(f => f.VendorName));
        Assert.DoesNotContain(a, findings[0].ToString(), StringComparison.Ordinal);
    }
}
