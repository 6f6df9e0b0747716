using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Doctor.Sources;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Doctor;

/// <summary>Issue 12, section 2: appsettings*.json, user secrets, launchSettings.json and environment variables, and which one wins.</summary>
public class ConfigSourceTests
{
    private const string SecretsId = "test-secrets-0001";

    private static string AppSettings(string key) => $"{{\n  // comment\n  \"ApiAuth\": {{\n    \"Provider\": \"openai\",\n    \"ApiKey\": \"{key}\"\n  }}\n}}\n";

    private static FakeWorkspace WebProject(FakeWorkspace workspace, string? appSettingsKey = null, string? secretsKey = null, bool trackAppSettings = false)
    {
        workspace.File("src/Web/Web.csproj", $"<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><UserSecretsId>{SecretsId}</UserSecretsId></PropertyGroup></Project>", tracked: true);
        if (appSettingsKey is not null)
        {
            workspace.File("src/Web/appsettings.json", AppSettings(appSettingsKey), tracked: trackAppSettings);
        }

        if (secretsKey is not null)
        {
            workspace.HomeFile($".microsoft/usersecrets/{SecretsId}/secrets.json", $"{{\n  \"ApiAuth:ApiKey\": \"{secretsKey}\"\n}}");
        }

        return workspace;
    }

    private static FakeEnvironment Home(FakeWorkspace workspace) => new FakeEnvironment().Set("HOME", workspace.Home);

    [Fact]
    public void Run_KeyInTrackedAppSettings_ChecksTheKeyAndFailsAsCommitted_Issue12()
    {
        FakeWorkspace workspace = WebProject(new FakeWorkspace(), appSettingsKey: TestKeys.OpenAI("Ap01"), trackAppSettings: true);

        DoctorReport report = DoctorHarness.Run(Home(workspace), workspace);

        CheckResult key = report.At("source.appsettings.key", "src/Web/appsettings.json", 5);
        Assert.Equal((CheckStatus.Pass, "ApiAuth:ApiKey", "openai", "sk-proj-…Ap01"), (key.Status, key.Variable, key.Provider, key.KeyHint));
        Assert.Equal(CheckStatus.Fail, report.At("source.appsettings.tracked", "src/Web/appsettings.json").Status);
    }

    [Fact]
    public void Run_KeyInUntrackedAppSettings_WarnsUnlessIgnored_Issue12()
    {
        FakeWorkspace notIgnored = WebProject(new FakeWorkspace(), appSettingsKey: TestKeys.OpenAI());
        FakeWorkspace ignored = WebProject(new FakeWorkspace(), appSettingsKey: TestKeys.OpenAI()).Ignore("src/Web/appsettings.json");

        Assert.Equal(CheckStatus.Warn, DoctorHarness.Run(Home(notIgnored), notIgnored).At("source.appsettings.not-ignored", "src/Web/appsettings.json").Status);
        Assert.Empty(DoctorHarness.Run(Home(ignored), ignored).All("source.appsettings.not-ignored"));
    }

    [Fact]
    public void Run_UserSecretsFoundThroughUserSecretsId_WinInDevelopment_Issue12()
    {
        FakeWorkspace workspace = WebProject(new FakeWorkspace(), appSettingsKey: TestKeys.OpenAI("Ap01", seed: 1), secretsKey: TestKeys.OpenAI("Us02", seed: 2));

        DoctorReport report = DoctorHarness.Run(Home(workspace), workspace);

        CheckResult secrets = report.At("source.user-secrets.key", $"~/.microsoft/usersecrets/{SecretsId}/secrets.json", 2);
        Assert.Equal("sk-proj-…Us02", secrets.KeyHint);
        Assert.Empty(report.All("source.user-secrets.not-ignored"));
        CheckResult precedence = Assert.Single(report.All("source.precedence"));
        Assert.Equal(CheckStatus.Warn, precedence.Status);
        Assert.Contains("secrets.json:2 wins (sk-proj-…Us02)", precedence.Title, StringComparison.Ordinal);
        Assert.Contains("appsettings.json:5 (sk-proj-…Ap01) < ~/.microsoft/usersecrets", precedence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ProductionEnvironment_ReadsAppSettingsProductionAndNotUserSecrets_Issue12()
    {
        FakeWorkspace workspace = WebProject(new FakeWorkspace(), appSettingsKey: TestKeys.OpenAI("Ap01", seed: 1), secretsKey: TestKeys.OpenAI("Us02", seed: 2))
            .File("src/Web/appsettings.Production.json", AppSettings(TestKeys.OpenAI("Pr03", seed: 3)))
            .File("src/Web/appsettings.Development.json", AppSettings(string.Empty));

        DoctorReport report = DoctorHarness.Run(Home(workspace), workspace, new DoctorOptions { Environment = "Production" });

        CheckResult precedence = Assert.Single(report.All("source.precedence"));
        Assert.Contains("appsettings.Production.json:5 wins (sk-proj-…Pr03)", precedence.Title, StringComparison.Ordinal);
        Assert.Contains("Production", precedence.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("Us02", precedence.Detail!.Split("Not read")[0], StringComparison.Ordinal);
        Assert.Contains("read only in Development", precedence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UserSecretsWithAppData_UseTheWindowsLayout_Issue12()
    {
        var workspace = new FakeWorkspace();
        WebProject(workspace).HomeFile($"appdata/Microsoft/UserSecrets/{SecretsId}/secrets.json", "{ \"ApiAuth\": { \"ApiKey\": \"" + TestKeys.OpenAI("Wn04") + "\" } }");

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("APPDATA", Path.Combine(workspace.Home, "appdata")), workspace);

        Assert.Equal("sk-proj-…Wn04", report.At("source.user-secrets.key", $"%APPDATA%\\Microsoft\\UserSecrets\\{SecretsId}\\secrets.json").KeyHint);
    }

    [Fact]
    public void Run_EnvironmentVariableWithDoubleUnderscore_WinsOverUserSecrets_Issue12()
    {
        FakeWorkspace workspace = WebProject(new FakeWorkspace(), secretsKey: TestKeys.OpenAI("Us02", seed: 2));

        DoctorReport report = DoctorHarness.Run(Home(workspace).Set("ApiAuth__ApiKey", TestKeys.OpenAI("En05", seed: 5)), workspace);

        CheckResult precedence = Assert.Single(report.All("source.precedence"));
        Assert.Contains("environment variable ApiAuth__ApiKey wins (sk-proj-…En05)", precedence.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LaunchSettingsEnvironmentVariables_CheckedCommittedAndWinOverTheProcess_Issue12()
    {
        string launch = "{\n  \"profiles\": {\n    \"Web\": {\n      \"commandName\": \"Project\",\n      \"environmentVariables\": {\n        \"ASPNETCORE_ENVIRONMENT\": \"Staging\",\n        \"OPENAI_API_KEY\": \"" + TestKeys.OpenAI("Ls06", seed: 6) + "\"\n      }\n    }\n  }\n}\n";
        FakeWorkspace workspace = WebProject(new FakeWorkspace()).File("src/Web/Properties/launchSettings.json", launch, tracked: true);

        DoctorReport report = DoctorHarness.Run(Home(workspace).Set("OPENAI_API_KEY", TestKeys.OpenAI("Pe07", seed: 7)), workspace);

        CheckResult key = report.At("source.launch-settings.key", "src/Web/Properties/launchSettings.json", 7);
        Assert.Equal(("OPENAI_API_KEY", "openai"), (key.Variable, key.Provider));
        Assert.Equal(CheckStatus.Fail, report.At("source.launch-settings.tracked", "src/Web/Properties/launchSettings.json").Status);
        Assert.Contains("launch profile 'Web'", Assert.Single(report.All("source.precedence")).Title, StringComparison.Ordinal);
        Assert.Contains("--environment Staging", report.Single("source.launch-settings.environment").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptyValueShadowsARealKey_Fails_Issue12()
    {
        FakeWorkspace workspace = WebProject(new FakeWorkspace(), appSettingsKey: TestKeys.OpenAI())
            .File("src/Web/appsettings.Development.json", AppSettings(string.Empty))
            .Ignore("src/Web/appsettings.json");

        DoctorReport report = DoctorHarness.Run(Home(workspace), workspace);

        CheckResult precedence = Assert.Single(report.All("source.precedence"));
        Assert.Equal(CheckStatus.Fail, precedence.Status);
        Assert.Contains("hides the key in src/Web/appsettings.json:5", precedence.Remediation, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Info, report.At("source.appsettings.empty", "src/Web/appsettings.Development.json", 5).Status);
    }

    [Fact]
    public void Run_KeyWithLiteralEscapeInAppSettings_NamedAsSuch_Issue12()
    {
        FakeWorkspace workspace = WebProject(new FakeWorkspace(), appSettingsKey: TestKeys.OpenAI() + "\\\\n").Ignore("src/Web/appsettings.json");

        DoctorReport report = DoctorHarness.Run(Home(workspace), workspace);

        Assert.Equal(CheckStatus.Fail, report.At("source.appsettings.escape", "src/Web/appsettings.json", 5).Status);
        Assert.DoesNotContain(report.Checks, c => c.Title.Contains("the character '\\'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_NamedClientKeyWithItsProvider_CheckedForThatProvider_Issue12()
    {
        string json = "{ \"ApiAuth\": { \"Clients\": { \"claude\": { \"Provider\": \"anthropic\", \"ApiKey\": \"" + TestKeys.OpenAI("Wr08") + "\" } } } }";
        FakeWorkspace workspace = WebProject(new FakeWorkspace()).File("src/Web/appsettings.json", json).Ignore("src/Web/appsettings.json");

        DoctorReport report = DoctorHarness.Run(Home(workspace), workspace);

        CheckResult refused = report.At("source.appsettings.refused", "src/Web/appsettings.json", 1);
        Assert.Equal(("ApiAuth:Clients:claude:ApiKey", "anthropic"), (refused.Variable, refused.Provider));
    }

    [Fact]
    public void Run_InvalidJson_Fails_Issue12()
    {
        FakeWorkspace workspace = WebProject(new FakeWorkspace()).File("src/Web/appsettings.json", "{ \"ApiAuth\": { \"ApiKey\": \"x\" ");

        Assert.Equal(CheckStatus.Fail, DoctorHarness.Run(Home(workspace), workspace).At("source.appsettings.invalid-json", "src/Web/appsettings.json").Status);
    }

    [Fact]
    public void Run_BuildOutputAndDeepDirectories_AreNotRead_Issue12()
    {
        string key = TestKeys.OpenAI();
        var workspace = new FakeWorkspace()
            .File("src/Web/bin/Debug/appsettings.json", AppSettings(key))
            .File("node_modules/x/appsettings.json", AppSettings(key))
            .File("a/b/c/d/e/appsettings.json", AppSettings(key))
            .File("a/b/c/d/appsettings.json", AppSettings(key));

        DoctorReport report = DoctorHarness.Run(new FakeEnvironment(), workspace);

        Assert.Equal(["a/b/c/d/appsettings.json"], report.Checks.Where(c => c.Id.StartsWith("source.appsettings.", StringComparison.Ordinal)).Select(c => c.File).Distinct());
    }

    [Fact]
    public void Run_ProviderFilter_FiltersTheSourcesSection_Issue12()
    {
        string json = "{ \"ANTHROPIC_API_KEY\": \"" + TestKeys.Anthropic() + "\", \"ApiAuth\": { \"ApiKey\": \"" + TestKeys.OpenAI() + "\" } }";
        FakeWorkspace workspace = WebProject(new FakeWorkspace()).File("src/Web/appsettings.json", json);
        var options = new DoctorOptions { Providers = new HashSet<string>(["anthropic"], StringComparer.OrdinalIgnoreCase) };

        DoctorReport report = DoctorHarness.Run(Home(workspace), workspace, options);

        Assert.Contains(report.Checks, c => c.Id == "source.appsettings.key" && c.Variable == "ANTHROPIC_API_KEY");
        Assert.DoesNotContain(report.Checks, c => c.Variable == "ApiAuth:ApiKey");
    }

    [Fact]
    public void Read_JsonWithCommentsArraysAndTrailingCommas_FlattensLikeTheConfigurationPackage()
    {
        byte[] json = System.Text.Encoding.UTF8.GetBytes("\uFEFF{\n  // c\n  \"A\": { \"B\": \"1\",\n \"C\": [ \"x\", { \"D\": true } ], },\n  \"E\": 2\n}");

        List<(string Key, string Value, int Line)>? values = JsonConfigReader.Read(json);

        Assert.Equal([("A:B", "1", 3), ("A:C:0", "x", 4), ("A:C:1:D", "true", 4), ("E", "2", 5)], values);
    }
}
