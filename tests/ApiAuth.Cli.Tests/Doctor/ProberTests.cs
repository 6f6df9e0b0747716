using System.Net;
using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Tests.TestDoubles;
using ApiAuth.Testing;

namespace ApiAuth.Cli.Tests.Doctor;

public class ProberTests
{
    private static readonly DoctorOptions Probe = new() { Probe = true, ScanSecrets = false, Timeout = TimeSpan.FromSeconds(5) };

    [Fact(Timeout = 60_000)]
    public async Task Run_ValidKeyAgainstEmulator_Passes()
    {
        string key = TestKeys.OpenAI();
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(key);

        DoctorReport report = await new DoctorRunner(new FakeEnvironment().Set("OPENAI_API_KEY", key), new FakeWorkspace(), new Prober(emulator.CreateHandler))
            .RunAsync(Probe, TestContext.Current.CancellationToken);

        CheckResult probe = report.Single("probe.openai");
        Assert.Equal(CheckStatus.Pass, probe.Status);
        Assert.Equal(200, probe.HttpStatus);
        Assert.StartsWith("req_", probe.RequestId, StringComparison.Ordinal);
        Assert.Equal("/v1/models", Assert.Single(emulator.ReceivedRequests).Path);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(EmulatedFailure.InvalidKey, AuthFailureCause.InvalidKey)]
    [InlineData(EmulatedFailure.RevokedKey, AuthFailureCause.InvalidKey)]
    [InlineData(EmulatedFailure.WrongOrganization, AuthFailureCause.WrongOrganization)]
    [InlineData(EmulatedFailure.UnknownOrganization, AuthFailureCause.WrongOrganization)]
    [InlineData(EmulatedFailure.WrongProject, AuthFailureCause.WrongProject)]
    [InlineData(EmulatedFailure.InsufficientScope, AuthFailureCause.InsufficientPermissions)]
    [InlineData(EmulatedFailure.AccountDisabled, AuthFailureCause.AccountDisabled)]
    [InlineData(EmulatedFailure.MissingKey, AuthFailureCause.MissingKey)]
    public async Task Run_EmulatedOpenAIFailure_IsClassifiedWithRequestId(EmulatedFailure failure, AuthFailureCause expected)
    {
        string key = TestKeys.OpenAI();
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI).WithKey(key);
        emulator.FailNext(failure);

        DoctorReport report = await new DoctorRunner(new FakeEnvironment().Set("OPENAI_API_KEY", key), new FakeWorkspace(), new Prober(emulator.CreateHandler))
            .RunAsync(Probe, TestContext.Current.CancellationToken);

        CheckResult probe = report.Single("probe.openai");
        Assert.Equal(CheckStatus.Fail, probe.Status);
        Assert.Equal(expected.ToString(), probe.Cause);
        Assert.NotNull(probe.RequestId);
        Assert.NotNull(probe.Remediation);
        Assert.DoesNotContain(key, probe.Title + probe.Detail + probe.Remediation, StringComparison.Ordinal);
        Assert.Equal(1, report.ExitCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(EmulatedProvider.Anthropic, "ANTHROPIC_API_KEY")]
    [InlineData(EmulatedProvider.Gemini, "GEMINI_API_KEY")]
    [InlineData(EmulatedProvider.AzureOpenAI, "AZURE_OPENAI_API_KEY")]
    public async Task Run_OtherProvidersValidKey_PassThroughTheirOwnRoute(EmulatedProvider provider, string variable)
    {
        string key = provider switch
        {
            EmulatedProvider.Anthropic => TestKeys.Anthropic(),
            EmulatedProvider.Gemini => TestKeys.Gemini(),
            _ => TestKeys.Azure(),
        };
        var emulator = new ProviderEmulator(provider).WithKey(key);
        var environment = new FakeEnvironment().Set(variable, key);
        if (provider == EmulatedProvider.AzureOpenAI)
        {
            environment.Set("AZURE_OPENAI_ENDPOINT", emulator.DefaultBaseAddress.ToString());
        }

        DoctorReport report = await new DoctorRunner(environment, new FakeWorkspace(), new Prober(emulator.CreateHandler))
            .RunAsync(Probe, TestContext.Current.CancellationToken);

        CheckResult probe = Assert.Single(report.Checks, c => c.Category == CheckCategory.Probe);
        Assert.True(probe.Status == CheckStatus.Pass, $"{probe.Title} {probe.Detail}");
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_PlaceholderKey_IsRefusedBeforeSending()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI);

        DoctorReport report = await new DoctorRunner(new FakeEnvironment().Set("OPENAI_API_KEY", "YOUR_API_KEY"), new FakeWorkspace(), new Prober(emulator.CreateHandler))
            .RunAsync(Probe, TestContext.Current.CancellationToken);

        CheckResult probe = report.Single("probe.openai");
        Assert.Equal(nameof(AuthFailureCause.PlaceholderKey), probe.Cause);
        Assert.Contains("not sent", probe.Detail, StringComparison.Ordinal);
        Assert.Empty(emulator.ReceivedRequests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_ConnectionRefused_IsAFailedCheckNotACrash()
    {
        var environment = new FakeEnvironment().Set("OPENAI_API_KEY", TestKeys.OpenAI()).Set("OPENAI_BASE_URL", "http://127.0.0.1:1/v1");

        DoctorReport report = await new DoctorRunner(environment, new FakeWorkspace()).RunAsync(Probe, TestContext.Current.CancellationToken);

        CheckResult probe = report.Single("probe.openai");
        Assert.Equal(CheckStatus.Fail, probe.Status);
        Assert.Contains("connection failed", probe.Title, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_ServerNeverAnswers_TimesOut()
    {
        var environment = new FakeEnvironment().Set("OPENAI_API_KEY", TestKeys.OpenAI());
        var prober = new Prober(() => new StallingHandler());

        DoctorReport report = await new DoctorRunner(environment, new FakeWorkspace(), prober)
            .RunAsync(new DoctorOptions { Probe = true, ScanSecrets = false, Timeout = TimeSpan.FromMilliseconds(200) }, TestContext.Current.CancellationToken);

        CheckResult probe = report.Single("probe.openai");
        Assert.Equal(CheckStatus.Fail, probe.Status);
        Assert.Contains("no answer within 0.2 s", probe.Title, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(HttpStatusCode.TooManyRequests, "warn")]
    [InlineData(HttpStatusCode.BadGateway, "warn")]
    [InlineData(HttpStatusCode.NotFound, "fail")]
    public async Task Run_NonAuthStatus_IsReportedByKind(HttpStatusCode status, string expected)
    {
        string key = TestKeys.OpenAI();
        var environment = new FakeEnvironment().Set("OPENAI_API_KEY", key);
        var prober = new Prober(() => new FixedHandler(status, "{\"error\":{\"message\":\"echo " + key + "\",\"code\":\"x\"}}"));

        DoctorReport report = await new DoctorRunner(environment, new FakeWorkspace(), prober).RunAsync(Probe, TestContext.Current.CancellationToken);

        CheckResult probe = report.Single("probe.openai");
        Assert.Equal(expected, ApiAuth.Cli.Rendering.JsonReport.StatusName(probe.Status));
        Assert.Equal((int)status, probe.HttpStatus);
        Assert.Contains("echo sk-proj-…Ab12", probe.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(key, probe.Detail, StringComparison.Ordinal);
    }

    private sealed class StallingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException();
        }
    }

    private sealed class FixedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });
    }
}
