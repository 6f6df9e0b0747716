using ApiAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// A service provider with one named factory client, built as an application builds it: ApiAuth (or, for the
/// reference, nothing, or a handler that throws <see cref="HttpRequestException"/>) and optionally the standard
/// resilience handler before or after it. <see cref="FakeTimeProvider"/> is the host's <see cref="TimeProvider"/>, so any
/// back-off the resilience pipeline schedules waits for the test to move the clock; two counters show how many
/// attempts were made: <see cref="Attempts"/> first in the chain, <see cref="AtStage"/> just outside the stage.
/// </summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    public const string ClientName = "ai";

    /// <summary>The logger category of Polly's resilience telemetry (Microsoft.Extensions.Http.Resilience).</summary>
    public const string PollyCategory = "Polly";

    private readonly ServiceProvider _services;

    private PipelineHost(ServiceProvider services, RecordingLoggerProvider logs, FakeTimeProvider time, AttemptCounter attempts, AttemptCounter atStage)
    {
        _services = services;
        Logs = logs;
        Time = time;
        Attempts = attempts;
        AtStage = atStage;
    }

    /// <summary>Gets every log entry of the host (ApiAuth's: <see cref="RecordingLoggerProvider.ApiAuthEntries"/>).</summary>
    public RecordingLoggerProvider Logs { get; }

    /// <summary>Gets the host's clock; nothing moves it unless a test does.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>Gets the requests the caller (an SDK, its retry policy) sent into the client: the first handler of the chain counts them.</summary>
    public AttemptCounter Attempts { get; }

    /// <summary>Gets the requests that reached the stage (ApiAuth's place): with the resilience handler before it, its retries count here.</summary>
    public AttemptCounter AtStage { get; }

    /// <summary>Gets how many retries the resilience pipeline made, from its own telemetry (Polly's <c>OnRetry</c> events).</summary>
    public int ResilienceRetries => Logs.Entries.Count(e =>
        e.Category == PollyCategory && e.Values.TryGetValue("EventName", out object? name) && "OnRetry".Equals(name));

    /// <param name="provider">The ApiAuth provider id (the emulator is on 127.0.0.1).</param>
    /// <param name="stage">What sits at ApiAuth's place.</param>
    /// <param name="resilience">Where the standard resilience handler goes, if anywhere.</param>
    public static PipelineHost Create(string provider, Stage stage = Stage.ApiAuth, Resilience resilience = Resilience.None)
    {
        var logs = new RecordingLoggerProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var attempts = new AttemptCounter();
        var atStage = new AttemptCounter();
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(time);

        IHttpClientBuilder builder = services.AddHttpClient(ClientName, c => c.Timeout = Call.Timeout)
            .AddHttpMessageHandler(attempts.CreateHandler);
        if (resilience == Resilience.BeforeApiAuth)
        {
            builder.AddStandardResilienceHandler();
        }

        builder.AddHttpMessageHandler(atStage.CreateHandler);
        switch (stage)
        {
            case Stage.ApiAuth:
                builder.AddApiAuthDiagnostics(o => o.Provider = provider);
                break;
            case Stage.ThrowsHttpRequestException:
                builder.AddHttpMessageHandler(() => new ThrowingHandler(() => new HttpRequestException("A transient fault, thrown by a test handler.")));
                break;
        }

        if (resilience == Resilience.AfterApiAuth)
        {
            builder.AddStandardResilienceHandler();
        }

        return new PipelineHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), logs, time, attempts, atStage);
    }

    public HttpClient CreateClient() => _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

    /// <summary>
    /// Waits for a call that is expected to back off on this host's clock, moving the clock a quarter second at a time
    /// until the call completes (bounded by the test's timeout). Returns how far the clock had to move.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilCompleteAsync(Task call)
    {
        DateTimeOffset start = Time.GetUtcNow();
        while (!call.IsCompleted)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(call, Task.Delay(5, TestContext.Current.CancellationToken));
        }

        return Time.GetUtcNow() - start;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
