using System.Text.Json;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.EndToEnd;

/// <summary>Issue 12 as a user hits it: the built tool, a real git repository (tracked and ignored files), a real home directory for user secrets.</summary>
public class DoctorSourcesEndToEndTests
{
    [Fact]
    public async Task Doctor_DotEnvWithEveryProblemAndDotNetSources_NamesEachOneAndNeverSaysSourceIt_Issue12()
    {
        using var repository = new TempGitRepository();
        using var home = new TempGitRepository();
        string k1 = TestKeys.OpenAI("Aa01", seed: 51), k2 = TestKeys.OpenAI("Bb02", seed: 52), k3 = TestKeys.Anthropic("Cc03", seed: 53), k4 = TestKeys.OpenAI("Dd04", seed: 54);
        repository.Write(".env",
            $"OPENAI_API_KEY=\"{k1}\\n\"\r\n" +
            $"export ANTHROPIC_API_KEY = {k3}  \r\n" +
            "OPENAI_BASE_URL=https://api.openai.com/v1/chat/completions\r\n" +
            $"GEMINI_API_KEY=\u201C{TestKeys.Gemini()}\u201D\r\n" +
            $"OPENAI_API_KEY={k2}\r\n");
        repository.Write(".gitignore", ".env.local\nsrc/Web/appsettings.Development.json\n");
        repository.Write(".env.local", "ANTHROPIC_BASE_URL=https://api.anthropic.com\n");
        repository.Write("src/Web/Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><UserSecretsId>e2e-issue12</UserSecretsId></PropertyGroup></Project>\n");
        repository.Write("src/Web/appsettings.json", $"{{\n  \"ApiAuth\": {{\n    \"ApiKey\": \"{k1}\"\n  }}\n}}\n");
        repository.Write("src/Web/appsettings.Development.json", $"{{ \"ApiAuth\": {{ \"ApiKey\": \"{k4}\" }} }}\n");
        repository.Write("src/Web/Properties/launchSettings.json", $"{{ \"profiles\": {{ \"Web\": {{ \"commandName\": \"Project\", \"environmentVariables\": {{ \"OPENAI_API_KEY\": \"{k4}\" }} }} }} }}\n");
        repository.Write("src/Web/bin/Debug/appsettings.json", $"{{ \"ApiAuth\": {{ \"ApiKey\": \"{k1}\" }} }}\n");
        repository.Commit(".gitignore", "src/Web/Web.csproj", "src/Web/appsettings.json", "src/Web/Properties/launchSettings.json");
        home.Write(".microsoft/usersecrets/e2e-issue12/secrets.json", $"{{ \"ApiAuth:ApiKey\": \"{k2}\" }}");

        (int exit, string output, string error) = await ToolProcess.RunAsync(repository.Root,
            new Dictionary<string, string> { ["HOME"] = home.Root, ["OPENAI_API_KEY"] = k1 + "\\n\r" }, "doctor", "--json");

        Assert.True(exit == 1, error);
        foreach (string secret in (string[])[k1, k2, k3, k4])
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(output);
        JsonElement[] checks = [.. json.RootElement.GetProperty("checks").EnumerateArray()];
        string? Status(string id, string file, int? line = null) => Assert.Single(checks, c =>
            c.GetProperty("id").GetString() == id && c.GetProperty("file").GetString() == file && (line is null || c.GetProperty("line").GetInt32() == line)).GetProperty("status").GetString();

        Assert.Equal("fail", Status("dotenv.crlf", ".env", 1));
        Assert.Equal("fail", Status("dotenv.escape", ".env", 1));
        Assert.Equal("fail", Status("dotenv.spaces-around-equals", ".env", 2));
        Assert.Equal("warn", Status("dotenv.trailing-blanks", ".env", 2));
        Assert.Equal("fail", Status("dotenv.base-url.endpoint", ".env", 3));
        Assert.Equal("fail", Status("dotenv.typographic-quote", ".env", 4));
        Assert.Equal("warn", Status("dotenv.duplicate", ".env", 5));
        Assert.Equal("info", Status("dotenv.export", ".env", 2));
        Assert.Equal("warn", Status("dotenv.not-ignored", ".env"));
        Assert.Equal("fail", Status("dotenv.sourced", ".env", 1));
        Assert.DoesNotContain(checks, c => c.GetProperty("id").GetString() == "dotenv.not-ignored" && c.GetProperty("file").GetString() == ".env.local");
        Assert.DoesNotContain(checks, c => c.GetProperty("id").GetString() == "dotenv.matches");
        Assert.DoesNotContain(checks, c => c.GetProperty("title").GetString()!.Contains("the character '\\'", StringComparison.Ordinal));
        Assert.DoesNotContain(checks, c => c.GetProperty("file").GetString() == ".env" && c.GetProperty("remediation").GetString() is { } r && r.Contains("set -a", StringComparison.Ordinal) && !r.Contains("Do not source", StringComparison.Ordinal));
        Assert.EndsWith("set -a; . ./.env.local; set +a", Assert.Single(checks, c => c.GetProperty("id").GetString() == "dotenv.not-loaded" && c.GetProperty("file").GetString() == ".env.local").GetProperty("remediation").GetString(), StringComparison.Ordinal);

        Assert.Equal("fail", Status("source.appsettings.tracked", "src/Web/appsettings.json"));
        Assert.Equal("fail", Status("source.launch-settings.tracked", "src/Web/Properties/launchSettings.json"));
        Assert.DoesNotContain(checks, c => c.GetProperty("id").GetString()!.EndsWith(".not-ignored", StringComparison.Ordinal) && c.GetProperty("file").GetString() == "src/Web/appsettings.Development.json");
        Assert.Equal("pass", Status("source.user-secrets.key", "~/.microsoft/usersecrets/e2e-issue12/secrets.json"));
        Assert.DoesNotContain(checks, c => c.GetProperty("file").GetString() is { } f && f.Contains("bin/", StringComparison.Ordinal));
        JsonElement apiKey = Assert.Single(checks, c => c.GetProperty("id").GetString() == "source.precedence" && c.GetProperty("variable").GetString() == "ApiAuth:ApiKey");
        Assert.Contains("secrets.json:1 wins (sk-proj-…Bb02)", apiKey.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.All(checks, c => Assert.All(c.GetProperty("id").GetString()!.Split('.'), s => Assert.Matches("^([a-z][a-z0-9-]*|[A-Z][A-Z0-9_]*)$", s)));
    }

    [Fact]
    public async Task Doctor_ProductionEnvironment_UserSecretsAreNotRead_Issue12()
    {
        using var repository = new TempGitRepository();
        using var home = new TempGitRepository();
        repository.Write("App.csproj", "<Project><PropertyGroup><UserSecretsId>e2e-prod</UserSecretsId></PropertyGroup></Project>\n");
        repository.Write("appsettings.json", "{ \"ApiAuth\": { \"ApiKey\": \"\" } }\n");
        home.Write(".microsoft/usersecrets/e2e-prod/secrets.json", $"{{ \"ApiAuth\": {{ \"ApiKey\": \"{TestKeys.OpenAI()}\" }} }}");

        (int _, string output, string error) = await ToolProcess.RunAsync(repository.Root, new Dictionary<string, string> { ["HOME"] = home.Root }, "doctor", "--environment", "Production", "--no-color");

        Assert.True(output.Length > 0, error);
        Assert.Contains("! ApiAuth:ApiKey (Production): only appsettings.json:1 sets it (empty)", output, StringComparison.Ordinal);
        Assert.Contains("user secrets ~/.microsoft/usersecrets/e2e-prod/secrets.json (read only in Development)", output, StringComparison.Ordinal);
        Assert.Contains("ApiAuth__ApiKey", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NamesTheCommandApiauth_Issue12()
    {
        using var repository = new TempGitRepository();

        (int exit, string output, _) = await ToolProcess.RunAsync(repository.Root, new Dictionary<string, string>(), "doctor", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("apiauth doctor [options]", output, StringComparison.Ordinal);
        Assert.Contains("--environment", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiAuth.Cli", output, StringComparison.Ordinal);
    }
}
