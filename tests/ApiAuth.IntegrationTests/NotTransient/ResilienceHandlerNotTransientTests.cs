using System.Net;
using System.Text;
using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// Issue 10, "An auth failure is not a transient fault", for a plain factory <see cref="HttpClient"/> with
/// Microsoft.Extensions.Http.Resilience's <c>AddStandardResilienceHandler()</c> on its defaults, registered before
/// <c>AddApiAuthDiagnostics()</c> (it sees what ApiAuth throws) and after it (it sees the server's response). The
/// pipeline's clock is a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> that only the contrast test
/// moves: a back-off would leave the call waiting (and the test would fail at its timeout), and the pipeline's own
/// telemetry counts its retries.
/// </summary>
public sealed class ResilienceHandlerNotTransientTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync, Resilience.BeforeApiAuth)]
    [InlineData(Door.Async, Resilience.BeforeApiAuth)]
    [InlineData(Door.Sync, Resilience.AfterApiAuth)]
    [InlineData(Door.Async, Resilience.AfterApiAuth)]
    public Task Send_RevokedKeyStandardResilience_ApiAuthExceptionAfterOneRequest_Issue10(Door door, Resilience resilience) =>
        SendThroughApiAuthFailingOnce(door, resilience, OpenAISdkTests.RevokedKey, (thrown, host, emulator) =>
            Outcome.ServerRejectedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, AuthFailureCause.InvalidKey), TestContext.Current.CancellationToken);

    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync, Resilience.BeforeApiAuth, RefusedKey.Placeholder)]
    [InlineData(Door.Async, Resilience.BeforeApiAuth, RefusedKey.Placeholder)]
    [InlineData(Door.Sync, Resilience.AfterApiAuth, RefusedKey.Placeholder)]
    [InlineData(Door.Async, Resilience.AfterApiAuth, RefusedKey.Placeholder)]
    [InlineData(Door.Sync, Resilience.BeforeApiAuth, RefusedKey.InnerSpace)]
    [InlineData(Door.Async, Resilience.BeforeApiAuth, RefusedKey.InnerSpace)]
    [InlineData(Door.Sync, Resilience.AfterApiAuth, RefusedKey.InnerSpace)]
    [InlineData(Door.Async, Resilience.AfterApiAuth, RefusedKey.InnerSpace)]
    public Task Send_RefusedKeyStandardResilience_ApiAuthExceptionWithoutRequest_Issue10(Door door, Resilience resilience, RefusedKey kind)
    {
        (string key, AuthFailureCause cause) = RefusedKeys.OpenAI(kind);
        return SendThroughApiAuthFailingOnce(door, resilience, key, (thrown, host, emulator) =>
            Outcome.RefusedOnce(thrown, [typeof(ApiAuthException)], host.Attempts.Count, emulator, host.Logs, cause), TestContext.Current.CancellationToken);
    }

    // The reference: the same pipeline without ApiAuth returns the 401 after one request; the resilience handler does not retry it.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task Send_RevokedKeyStandardResilienceWithoutApiAuth_Returns401AfterOneRequest(Door door)
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai", Stage.Nothing, Resilience.BeforeApiAuth);
        HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await Call.Through(door,
            () => client.Send(NewRequest(server, OpenAISdkTests.RevokedKey)),
            ct => client.SendAsync(NewRequest(server, OpenAISdkTests.RevokedKey), ct));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, host.Attempts.Count);
        Assert.Equal(1, host.AtStage.Count);
        Assert.Single(emulator.ReceivedRequests);
        Assert.Equal(0, host.ResilienceRetries);
        Assert.Empty(host.Logs.ApiAuthEntries);
    }

    // Proof that the tests above can fail: an HttpRequestException where ApiAuth sits (what ApiAuthException was) is
    // retried 3 times, each after a back-off on the pipeline's clock, which the test moves until the call completes.
    [Theory(Timeout = 60_000)]
    [InlineData(Door.Sync)]
    [InlineData(Door.Async)]
    public async Task Send_HandlerThrowsHttpRequestExceptionStandardResilience_RetriedWithBackOff(Door door)
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        await using var host = PipelineHost.Create("openai", Stage.ThrowsHttpRequestException, Resilience.BeforeApiAuth);
        HttpClient client = host.CreateClient();

        Task<Exception> call = SendFailing(door, client, server, OpenAISdkTests.GoodKey);
        TimeSpan backOff = await host.AdvanceUntilCompleteAsync(call);
        Exception thrown = await call;

        Assert.Equal([typeof(HttpRequestException)], Outcome.Chain(thrown));
        Assert.Equal(1, host.Attempts.Count);
        Assert.Equal(4, host.AtStage.Count);
        Assert.Equal(3, host.ResilienceRetries);
        Assert.True(backOff > TimeSpan.Zero, "The retries should have waited on the pipeline's clock.");
        TestContext.Current.TestOutputHelper?.WriteLine($"back-off on the pipeline's clock: {backOff}");
        Assert.Empty(emulator.ReceivedRequests);
    }

    /// <summary>
    /// Sends <paramref name="key"/> through ApiAuth with the standard resilience handler at <paramref name="resilience"/>;
    /// <paramref name="outcome"/> checks what came back while the pipeline is up, then the resilience pipeline is checked
    /// to have passed the failure on at once: one request at ApiAuth's place, no retry, no back-off on its clock.
    /// </summary>
    private static async Task SendThroughApiAuthFailingOnce(Door door, Resilience resilience, string key, Action<Exception, PipelineHost, ProviderEmulator> outcome, CancellationToken cancellationToken)
    {
        ProviderEmulator emulator = OpenAISdkTests.NewEmulator();
        await using EmulatorServer server = await emulator.StartServerAsync(cancellationToken);
        await using var host = PipelineHost.Create("openai", Stage.ApiAuth, resilience);
        HttpClient client = host.CreateClient();
        DateTimeOffset clock = host.Time.GetUtcNow();

        Exception thrown = await SendFailing(door, client, server, key);

        outcome(thrown, host, emulator);
        Assert.Equal(1, host.AtStage.Count);
        Assert.Equal(0, host.ResilienceRetries);
        Assert.Equal(clock, host.Time.GetUtcNow());
    }

    private static HttpRequestMessage NewRequest(EmulatorServer server, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "v1/chat/completions"))
        {
            Content = new StringContent($$"""{"model":"{{OpenAISdkTests.Model}}","messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        return request;
    }

    private static Task<Exception> SendFailing(Door door, HttpClient client, EmulatorServer server, string key) =>
        Call.Failing(door,
            () => client.Send(NewRequest(server, key)),
            ct => client.SendAsync(NewRequest(server, key), ct));
}
