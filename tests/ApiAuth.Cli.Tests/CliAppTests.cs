using System.Text.Json;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests;

public class CliAppTests
{
    [Fact]
    public async Task Doctor_Json_FollowsTheDocumentedSchema()
    {
        string key = TestKeys.OpenAI();
        var environment = new FakeEnvironment().Set("OPENAI_API_KEY", key).Set("OPENAI_BASE_URL", "https://api.openai.com");

        (int exit, string output, _) = await CliHarness.RunAsync(environment, ["doctor", "--json"]);

        Assert.Equal(1, exit);
        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("apiauth.doctor/v1", root.GetProperty("schema").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("failed").GetInt32());
        string[] properties = ["id", "category", "status", "title", "provider", "variable", "keyHint", "file", "line", "cause", "httpStatus", "requestId", "detail", "remediation"];
        foreach (JsonElement check in root.GetProperty("checks").EnumerateArray())
        {
            Assert.Equal(properties, check.EnumerateObject().Select(p => p.Name));
            Assert.Contains(check.GetProperty("status").GetString(), (string[])["pass", "info", "warn", "fail"]);
        }

        JsonElement failed = Assert.Single(root.GetProperty("checks").EnumerateArray(), c => c.GetProperty("status").GetString() == "fail");
        Assert.Equal("base-url.openai.version", failed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Doctor_WarningsOnly_ExitsZero()
    {
        var environment = new FakeEnvironment().Set("OPENAI_API_KEY", TestKeys.OpenAI()).Set("OPENAI_BASE_URL", "http://localhost:8000");

        (int exit, string output, _) = await CliHarness.RunAsync(environment, ["doctor"]);

        Assert.Equal(0, exit);
        Assert.Contains("! OPENAI_BASE_URL has no version segment", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Redirected_PrintsPlainSymbolsWithoutColour()
    {
        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["doctor"]);

        Assert.Equal(1, exit);
        Assert.Contains("✗ No AI API key is set in this process", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Terminal_ColoursUnlessNoColor()
    {
        (_, string coloured, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["doctor"], outputRedirected: false);
        (_, string plain, _) = await CliHarness.RunAsync(new FakeEnvironment().Set("NO_COLOR", "1"), ["doctor"], outputRedirected: false);

        Assert.Contains("\u001b[31m✗", coloured, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doctor", "--unknown")]
    [InlineData("doctor", "--provider", "cohere")]
    [InlineData("doctor", "--timeout", "-1")]
    [InlineData("frobnicate")]
    [InlineData("explain", "--status", "abc", "x")]
    public async Task Run_UsageError_ExitsTwo(params string[] args)
    {
        (int exit, _, string error) = await CliHarness.RunAsync(new FakeEnvironment(), args);

        Assert.Equal(2, exit);
        Assert.Contains("apiauth --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_NoInputAndNoPipe_ExitsTwo()
    {
        (int exit, _, string error) = await CliHarness.RunAsync(new FakeEnvironment(), ["explain"]);

        Assert.Equal(2, exit);
        Assert.Contains("pipe it in", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_Stdin_JsonDiagnosis()
    {
        const string Body = """{"error":{"message":"OpenAI-Project header should match project for API key","type":"invalid_request_error","param":null,"code":"mismatched_project"}}""";

        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["explain", "--json", "--status", "401"], stdin: Body);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("apiauth.explain/v1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal("WrongProject", json.RootElement.GetProperty("failure").GetProperty("cause").GetString());
        Assert.Equal("option", json.RootElement.GetProperty("statusSource").GetString());
    }

    [Fact]
    public async Task Explain_ArgumentText_PrintsCauseAndRemediation()
    {
        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(),
            ["explain", "Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key'}}"]);

        Assert.Equal(0, exit);
        Assert.Contains("✗ InvalidKey", output, StringComparison.Ordinal);
        Assert.Contains("→ Anthropic does not recognise the key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_NotAnAuthFailure_ExitsOne()
    {
        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["explain", "--provider", "openai", "HTTP 500 upstream connect error"]);

        Assert.Equal(1, exit);
        Assert.Contains("Not recognised as an authentication failure", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_SaysApiauthNotTheAssemblyName_Issue12()
    {
        (int exit, string output, _) = await CliHarness.RunAsync(new FakeEnvironment(), ["--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("apiauth [command] [options]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiAuth.Cli", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Doctor_EnvironmentNotAName_ExitsTwo_Issue12(string name)
    {
        (int exit, _, string error) = await CliHarness.RunAsync(new FakeEnvironment(), ["doctor", "--environment", name]);

        Assert.Equal(2, exit);
        Assert.Contains("--environment", error, StringComparison.Ordinal);
    }
}
