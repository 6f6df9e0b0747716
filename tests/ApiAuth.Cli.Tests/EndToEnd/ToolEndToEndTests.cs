using System.Diagnostics;
using System.Text.Json;
using ApiAuth.Cli.Tests.TestDoubles;
using ApiAuth.Testing;

namespace ApiAuth.Cli.Tests.EndToEnd;

/// <summary>The built tool as a user runs it: a real process, a real git repository, emulators on real sockets.</summary>
public class ToolEndToEndTests
{
    [Fact]
    public async Task Doctor_FreshMachine_SaysWhatToSetAndExitsOne()
    {
        using var repository = new TempGitRepository();

        (int exit, string output, string error) = await ToolProcess.RunAsync(repository.Root, new Dictionary<string, string>(), "doctor");

        Assert.True(exit == 1, error);
        Assert.Contains("✗ No AI API key is set in this process", output, StringComparison.Ordinal);
        Assert.Contains("export OPENAI_API_KEY=", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_CraftedRepository_ReportsStaleDotEnvTrackedDotEnvAndCommittedSecret()
    {
        using var repository = new TempGitRepository();
        string exported = TestKeys.OpenAI("Old1", seed: 21), rotated = TestKeys.OpenAI("New2", seed: 22), leaked = TestKeys.Anthropic("Lk99", seed: 23);
        repository.Write(".env", $"OPENAI_API_KEY={rotated}\nANTHROPIC_BASE_URL=https://api.anthropic.com/v1\n");
        repository.Write("src/client.py", $"import anthropic\nclient = anthropic.Anthropic(api_key=\"{leaked}\")\n");
        repository.Write(".env.local", "GEMINI_API_KEY=" + "not-loaded-" + "value-1234567\n");
        repository.Commit(".env", "src/client.py");
        Directory.CreateDirectory(Path.Combine(repository.Root, "src", "app"));

        (int exit, string output, string error) = await ToolProcess.RunAsync(
            Path.Combine(repository.Root, "src", "app"),
            new Dictionary<string, string> { ["OPENAI_API_KEY"] = exported, ["ANTHROPIC_API_KEY"] = leaked },
            "doctor", "--json");

        Assert.True(exit == 1, error);
        foreach (string secret in (string[])[exported, rotated, leaked])
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(output);
        JsonElement[] checks = [.. json.RootElement.GetProperty("checks").EnumerateArray()];
        JsonElement Check(string id, string file) => Assert.Single(checks, c => c.GetProperty("id").GetString() == id && c.GetProperty("file").GetString() == file);

        Assert.Equal(1, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("warn", Check("dotenv.differs", ".env").GetProperty("status").GetString());
        Assert.Equal("warn", Check("dotenv.not-loaded", ".env.local").GetProperty("status").GetString());
        Assert.Equal("fail", Check("dotenv.tracked", ".env").GetProperty("status").GetString());
        JsonElement secret2 = Check("secrets.committed", "src/client.py");
        Assert.Equal(("fail", "src/client.py", 2, "sk-ant-api03-…Lk99", "ANTHROPIC_API_KEY"),
            (secret2.GetProperty("status").GetString(), secret2.GetProperty("file").GetString(), secret2.GetProperty("line").GetInt32(),
             secret2.GetProperty("keyHint").GetString(), secret2.GetProperty("variable").GetString()));
        Assert.Contains(checks, c => c.GetProperty("id").GetString() == "secrets.committed" && c.GetProperty("file").GetString() == ".env" && c.GetProperty("line").GetInt32() == 1);
        Assert.All(checks, c => Assert.All(c.GetProperty("id").GetString()!.Split('.'), segment => Assert.Matches("^[a-z][a-z0-9-]*$|^[A-Z][A-Z0-9_]*$", segment)));
    }

    [Fact(Timeout = 300_000)]
    public async Task Doctor_ProbeAgainstEmulatorsOnLoopback_ClassifiesEachProvidersFailure()
    {
        string openai = TestKeys.OpenAI(seed: 31), anthropic = TestKeys.Anthropic(seed: 32), gemini = TestKeys.Gemini(seed: 33), azure = TestKeys.Azure(seed: 34);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using EmulatorServer openaiServer = await new ProviderEmulator(EmulatedProvider.OpenAI).WithRevokedKey(openai).StartServerAsync(ct);
        await using EmulatorServer anthropicServer = await new ProviderEmulator(EmulatedProvider.Anthropic).WithDisabledAccountKey(anthropic).StartServerAsync(ct);
        await using EmulatorServer geminiServer = await new ProviderEmulator(EmulatedProvider.Gemini).WithExpiredKey(gemini).StartServerAsync(ct);
        await using EmulatorServer azureServer = await new ProviderEmulator(EmulatedProvider.AzureOpenAI).WithKey(azure).WithKeyAuthenticationDisabled().StartServerAsync(ct);
        using var repository = new TempGitRepository();

        (int exit, string output, string error) = await ToolProcess.RunAsync(repository.Root, new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = openai,
            ["OPENAI_BASE_URL"] = new Uri(openaiServer.BaseAddress, "v1").ToString(),
            ["ANTHROPIC_API_KEY"] = anthropic,
            ["ANTHROPIC_BASE_URL"] = anthropicServer.BaseAddress.ToString().TrimEnd('/'),
            ["GEMINI_API_KEY"] = gemini,
            ["GOOGLE_GEMINI_BASE_URL"] = geminiServer.BaseAddress.ToString(),
            ["AZURE_OPENAI_API_KEY"] = azure,
            ["AZURE_OPENAI_ENDPOINT"] = azureServer.BaseAddress.ToString(),
        }, "doctor", "--probe", "--json", "--timeout", "20");

        Assert.True(exit == 1, error + output);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("probed").GetBoolean());
        var probes = json.RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("category").GetString() == "probe")
            .ToDictionary(c => c.GetProperty("provider").GetString()!, c => c);
        Assert.Equal(nameof(AuthFailureCause.InvalidKey), probes["openai"].GetProperty("cause").GetString());
        Assert.Equal(401, probes["openai"].GetProperty("httpStatus").GetInt32());
        Assert.StartsWith("req_", probes["openai"].GetProperty("requestId").GetString(), StringComparison.Ordinal);
        Assert.Equal(nameof(AuthFailureCause.AccountDisabled), probes["anthropic"].GetProperty("cause").GetString());
        Assert.Equal(nameof(AuthFailureCause.ExpiredCredential), probes["gemini"].GetProperty("cause").GetString());
        Assert.Equal(nameof(AuthFailureCause.AccountDisabled), probes["azure-openai"].GetProperty("cause").GetString());
        Assert.All(probes.Values, p => Assert.Equal("fail", p.GetProperty("status").GetString()));
        foreach (string secret in (string[])[openai, anthropic, gemini, azure])
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Emulate_OnLoopbackPort_AnswersTheDoctorsProbe()
    {
        string key = TestKeys.OpenAI(seed: 41);
        using var repository = new TempGitRepository();
        using Process emulate = Process.Start(ToolProcess.StartInfo(repository.Root, new Dictionary<string, string>(), "emulate", "--port", "0", "--key", key))!;
        try
        {
            string? baseUrl = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (baseUrl is null && await emulate.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains("export OPENAI_BASE_URL=", StringComparison.Ordinal))
                {
                    baseUrl = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
                }
            }

            Assert.NotNull(baseUrl);
            Assert.StartsWith("http://127.0.0.1:", baseUrl, StringComparison.Ordinal);

            (int exit, string output, string error) = await ToolProcess.RunAsync(repository.Root,
                new Dictionary<string, string> { ["OPENAI_API_KEY"] = key, ["OPENAI_BASE_URL"] = baseUrl }, "doctor", "--probe");

            Assert.True(exit == 0, error + output);
            Assert.Contains("✓ OpenAI: authenticated (200", output, StringComparison.Ordinal);
        }
        finally
        {
            emulate.Kill(entireProcessTree: true);
            await emulate.WaitForExitAsync(CancellationToken.None);
        }
    }
}
