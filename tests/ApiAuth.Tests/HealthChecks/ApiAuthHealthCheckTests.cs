using System.Net;
using ApiAuth.HealthChecks;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.HealthChecks;

public sealed class ApiAuthHealthCheckTests
{
    private static readonly string Key = TestKeys.OpenAIProject(3);

    private static (ServiceProvider Provider, HealthCheckService Health, FakeTimeProvider Time) Build(RecordingHandler stub, Action<ApiAuthHealthCheckOptions>? configure = null, Action<ApiAuthDiagnosticsOptions>? auth = null, string? authorization = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        services.AddHttpClient("openai", c =>
            {
                c.BaseAddress = new Uri("https://api.openai.com/v1/");
                if (authorization is not null)
                {
                    c.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
                }
            })
            .ConfigurePrimaryHttpMessageHandler(() => stub)
            .AddApiAuthDiagnostics(auth ?? (o => o.ApiKey = Key));
        services.AddHealthChecks().AddApiAuthHealthCheck("openai", configure);
        ServiceProvider provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<HealthCheckService>(), time);
    }

    [Fact]
    public async Task CheckHealth_KeyAccepted_IsHealthyAndProbesModels()
    {
        var stub = new RecordingHandler();
        (ServiceProvider provider, HealthCheckService health, _) = Build(stub);
        using (provider)
        {
            HealthReport report = await health.CheckHealthAsync();

            Assert.Equal(HealthStatus.Healthy, report.Status);
            Assert.Equal("https://api.openai.com/v1/models", stub.Single.Uri!.ToString());
        }
    }

    [Fact]
    public async Task CheckHealth_RevokedKey_IsUnhealthyWithCauseAndRemediation()
    {
        var stub = RecordingHandler.Answering(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided: sk-proj-***abcd\"}}", headers: ("x-request-id", "req_1"));
        (ServiceProvider provider, HealthCheckService health, _) = Build(stub);
        using (provider)
        {
            HealthReport report = await health.CheckHealthAsync();

            HealthReportEntry entry = report.Entries["apiauth-openai"];
            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.StartsWith("InvalidKey: ", entry.Description, StringComparison.Ordinal);
            Assert.Equal("InvalidKey", entry.Data["cause"]);
            Assert.Equal("req_1", entry.Data["requestId"]);
            Assert.DoesNotContain(Key, entry.Description!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckHealth_PlaceholderKey_IsUnhealthyWithoutReachingTheProvider()
    {
        var stub = new RecordingHandler();
        // The client sends the placeholder itself (a key in options is refused earlier, by options validation).
        (ServiceProvider provider, HealthCheckService health, _) = Build(stub, auth: _ => { }, authorization: "Bearer sk-your-" + "key-here");
        using (provider)
        {
            HealthReport report = await health.CheckHealthAsync();

            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.Equal("PlaceholderKey", report.Entries["apiauth-openai"].Data["cause"]);
            Assert.Equal(false, report.Entries["apiauth-openai"].Data["requestWasSent"]);
            Assert.Empty(stub.Requests);
        }
    }

    [Fact]
    public async Task CheckHealth_NoKey_IsUnhealthyWithoutReachingTheProvider()
    {
        var stub = new RecordingHandler();
        (ServiceProvider provider, HealthCheckService health, _) = Build(stub, auth: _ => { });
        using (provider)
        {
            HealthReport report = await health.CheckHealthAsync();

            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.Equal("MissingKey", report.Entries["apiauth-openai"].Data["cause"]);
            Assert.Equal(false, report.Entries["apiauth-openai"].Data["requestWasSent"]);
            Assert.Empty(stub.Requests);
        }
    }

    [Fact]
    public async Task CheckHealth_WithinCacheDuration_ReusesResult()
    {
        var stub = new RecordingHandler();
        (ServiceProvider provider, HealthCheckService health, FakeTimeProvider time) = Build(stub, o => o.CacheDuration = TimeSpan.FromMinutes(1));
        using (provider)
        {
            await health.CheckHealthAsync();
            await health.CheckHealthAsync();
            time.Advance(TimeSpan.FromSeconds(59));
            await health.CheckHealthAsync();
            Assert.Single(stub.Requests);

            time.Advance(TimeSpan.FromSeconds(2));
            await health.CheckHealthAsync();
            Assert.Equal(2, stub.Requests.Count);
        }
    }

    [Fact]
    public async Task CheckHealth_ServerError_IsDegradedNotUnhealthy()
    {
        var stub = RecordingHandler.Answering(HttpStatusCode.ServiceUnavailable, "{}");
        (ServiceProvider provider, HealthCheckService health, _) = Build(stub);
        using (provider)
        {
            HealthReport report = await health.CheckHealthAsync();

            Assert.Equal(HealthStatus.Degraded, report.Status);
        }
    }

    [Fact]
    public void AddApiAuthHealthCheck_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ApiAuthHealthChecksBuilderExtensions.AddApiAuthHealthCheck(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddHealthChecks().AddApiAuthHealthCheck(null!));
    }
}
