using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Doctor;

public class BaseUrlCheckTests
{
    [Theory]
    [InlineData("OPENAI_BASE_URL", "https://api.openai.com", "base-url.openai.version", "fail")]
    [InlineData("OPENAI_BASE_URL", "https://api.openai.com/v1/chat/completions", "base-url.openai.endpoint", "fail")]
    [InlineData("OPENAI_BASE_URL", "https://api.openai.com/v1\n", "base-url.openai.whitespace", "fail")]
    [InlineData("OPENAI_BASE_URL", "api.openai.com/v1", "base-url.openai.invalid", "fail")]
    [InlineData("OPENAI_BASE_URL", "http://gateway.example.com/v1", "base-url.openai.insecure", "fail")]
    [InlineData("OPENAI_BASE_URL", "http://localhost:11434", "base-url.openai.version", "warn")]
    [InlineData("OPENAI_BASE_URL", "https://api.openai.com/v1", "base-url.openai.ok", "pass")]
    [InlineData("ANTHROPIC_BASE_URL", "https://api.anthropic.com/v1", "base-url.anthropic.version", "fail")]
    [InlineData("ANTHROPIC_BASE_URL", "https://api.anthropic.com/v1/messages", "base-url.anthropic.endpoint", "fail")]
    [InlineData("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions", "base-url.azure-openai.endpoint", "fail")]
    [InlineData("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/", "base-url.azure-openai.ok", "pass")]
    [InlineData("GOOGLE_GEMINI_BASE_URL", "https://generativelanguage.googleapis.com/v1beta", "base-url.gemini.version", "warn")]
    public void Check_BaseUrl_Diagnoses(string variable, string value, string expectedId, string expected)
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set(variable, value));

        CheckResult check = report.Single(expectedId);
        Assert.Equal(expected, ApiAuth.Cli.Rendering.JsonReport.StatusName(check.Status));
        Assert.Equal(variable, check.Variable);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8000/v1", null)]
    [InlineData("http://127.0.0.1:8000/v1", null)]
    [InlineData("http://192.168.1.20:8000/v1", "warn")]
    [InlineData("http://vllm:8000/v1", "warn")]
    [InlineData("http://203.0.113.7:8000/v1", "fail")]
    public void Check_PlainHttp_FollowsTheLibrarysHostKinds(string value, string? expected)
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_BASE_URL", value));

        CheckResult? check = report.All("base-url.openai.insecure").SingleOrDefault();
        Assert.Equal(expected, check is null ? null : ApiAuth.Cli.Rendering.JsonReport.StatusName(check.Status));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8000/v1", "info")]
    [InlineData("http://localhost:11434/v1", "info")]
    [InlineData("http://gateway.example.com/v1", "warn")]
    public void Check_BaseUrlWithoutKey_LocalServerAsTheLibraryDefinesIt(string value, string expected)
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_BASE_URL", value));

        Assert.Equal(expected, ApiAuth.Cli.Rendering.JsonReport.StatusName(report.Single("env.openai.key").Status));
    }

    [Fact]
    public void Check_FullEndpointPasted_SuggestsTheBaseUrl()
    {
        DoctorReport report = DoctorHarness.Run(new FakeEnvironment().Set("OPENAI_BASE_URL", "https://api.groq.com/openai/v1/chat/completions"));

        Assert.Contains("https://api.groq.com/openai/v1:", report.Single("base-url.openai.endpoint").Remediation, StringComparison.Ordinal);
    }
}
