using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>Metrics through meter "ApiAuth" and an event on the current activity, with low-cardinality, secret-free tags.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private static readonly string Key = TestKeys.OpenAIProject(77);

    [Fact]
    public async Task Send_FailuresAndRepairs_AreCountedWithCauseProviderStage()
    {
        var measurements = new ConcurrentBag<(string Name, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ApiAuth")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            measurements.Add((instrument.Name, value, map));
        });
        listener.Start();

        using (TestClient refused = TestClient.OpenAI())
        {
            await Assert.ThrowsAsync<ApiAuthException>(() => refused.PostAsync(false, "Bearer " + TestKeys.Anthropic()));
        }

        using (TestClient rejected = TestClient.OpenAI(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided\"}}"))
        {
            await Assert.ThrowsAsync<ApiAuthException>(() => rejected.PostAsync(true, "Bearer " + Key));
        }

        using (TestClient repaired = TestClient.OpenAI())
        {
            (await repaired.PostAsync(false, "Bearer " + Key + "\n")).Dispose();
        }

        listener.RecordObservableInstruments();
        Assert.Contains(measurements, m => m.Name == "apiauth.client.auth_failures" && Equals(m.Tags["apiauth.failure.cause"], "WrongProviderKey") && Equals(m.Tags["apiauth.stage"], "before_send") && Equals(m.Tags["apiauth.provider"], "openai"));
        Assert.Contains(measurements, m => m.Name == "apiauth.client.auth_failures" && Equals(m.Tags["apiauth.failure.cause"], "InvalidKey") && Equals(m.Tags["apiauth.stage"], "response"));
        Assert.Contains(measurements, m => m.Name == "apiauth.client.credential_repairs" && Equals(m.Tags["apiauth.repair"], "RemovedLineBreak"));
        Assert.All(measurements, m => Assert.All(m.Tags.Values, v => Assert.DoesNotContain(Key[8..20], v?.ToString() ?? string.Empty, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_Failure_AddsEventAndErrorStatusToCurrentActivity(bool sync)
    {
        using var source = new ActivitySource("ApiAuth.Tests.Telemetry");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided: " + Key + "\"}}");

        using Activity activity = source.StartActivity("call")!;
        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key));

        ActivityEvent failure = Assert.Single(activity.Events, e => e.Name == "apiauth.auth_failure");
        Assert.Equal("InvalidKey", failure.Tags.Single(t => t.Key == "apiauth.failure.cause").Value);
        Assert.Equal(401, failure.Tags.Single(t => t.Key == "http.response.status_code").Value);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.All(failure.Tags, t => Assert.DoesNotContain(Key[8..20], t.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }
}
