using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>
/// A service provider with one named client from <c>IHttpClientFactory</c> that has ApiAuth on it,
/// the way an application registers it.
/// </summary>
internal sealed class ApiAuthHost : IAsyncDisposable
{
    public const string ClientName = "ai";

    private readonly ServiceProvider _services;

    private ApiAuthHost(ServiceProvider services, RecordingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public RecordingLoggerProvider Logs { get; }

    /// <summary>How many requests ApiAuth refused before sending (log event 2), retries included.</summary>
    public int RefusedCount => Logs.ApiAuthEntries.Count(e => e.EventId == 2);

    /// <param name="provider">The ApiAuth provider id (the emulator is on 127.0.0.1, which host detection maps to <c>generic</c>).</param>
    /// <param name="configure">More options.</param>
    /// <param name="innerHandler">A handler placed between ApiAuth and the socket.</param>
    public static ApiAuthHost Create(string provider, Action<ApiAuthDiagnosticsOptions>? configure = null, DelegatingHandler? innerHandler = null)
    {
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        IHttpClientBuilder builder = services.AddHttpClient(ClientName, c => c.Timeout = Call.Timeout)
            .AddApiAuthDiagnostics(o =>
            {
                o.Provider = provider;
                configure?.Invoke(o);
            });
        if (innerHandler is not null)
        {
            builder.AddHttpMessageHandler(() => innerHandler);
        }

        return new ApiAuthHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), logs);
    }

    public HttpClient CreateClient() => _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
