using ApiAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// A real <c>IHttpClientFactory</c> pipeline with the public <c>AddApiAuthDiagnostics()</c> handler, a fake logger
/// that keeps every record (message and structured state), and either an in-memory primary handler or a real socket.
/// </summary>
internal sealed class Pipeline : IDisposable
{
    private Pipeline(ServiceProvider services, string name)
    {
        Services = services;
        Name = name;
        Factory = services.GetRequiredService<IHttpClientFactory>();
        Logs = services.GetFakeLogCollector();
    }

    public ServiceProvider Services { get; }

    public string Name { get; }

    public IHttpClientFactory Factory { get; }

    public FakeLogCollector Logs { get; }

    public HttpClient CreateClient() => Factory.CreateClient(Name);

    /// <summary>Builds a pipeline whose primary handler is <paramref name="primary"/> (a socket handler when null).</summary>
    public static Pipeline Create(Action<ApiAuthDiagnosticsOptions> configure, Func<HttpMessageHandler>? primary = null, string name = "hardening", Action<IServiceCollection, IHttpClientBuilder>? more = null) =>
        Build(configure, primary, name, more);

    /// <summary>The reference: the same pipeline without ApiAuth.</summary>
    public static Pipeline CreateWithoutApiAuth(Func<HttpMessageHandler>? primary = null, string name = "hardening-bare", Action<IServiceCollection, IHttpClientBuilder>? more = null) =>
        Build(null, primary, name, more);

    private static Pipeline Build(Action<ApiAuthDiagnosticsOptions>? configure, Func<HttpMessageHandler>? primary, string name, Action<IServiceCollection, IHttpClientBuilder>? more)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddMetrics();
        IHttpClientBuilder builder = services.AddHttpClient(name);
        if (configure is not null)
        {
            builder.AddApiAuthDiagnostics(configure);
        }
        if (primary is not null)
        {
            builder.ConfigurePrimaryHttpMessageHandler(primary);
        }

        more?.Invoke(services, builder);
        return new Pipeline(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), name);
    }

    /// <summary>Every string a log record exposes: the message, each structured value, the exception, the scopes.</summary>
    /// <remarks>
    /// Only ApiAuth's categories: Microsoft.Extensions.Http's own Trace-level header logging keeps raw header values in its
    /// structured state (see <c>CredentialRoutingTests</c>, which pins that .NET behaviour); that is not ApiAuth's output.
    /// </remarks>
    public IEnumerable<(string Where, string? Text)> LogOutputs()
    {
        foreach (FakeLogRecord record in Logs.GetSnapshot())
        {
            if (record.Category?.StartsWith("ApiAuth", StringComparison.Ordinal) != true)
            {
                continue;
            }

            yield return ("log message " + record.Id, record.Message);
            if (record.StructuredState is { } state)
            {
                foreach (KeyValuePair<string, string?> pair in state)
                {
                    yield return ("log state " + pair.Key, pair.Value);
                }
            }

            yield return ("log exception", record.Exception?.ToString());
            foreach (object? scope in record.Scopes)
            {
                yield return ("log scope", scope?.ToString());
            }
        }
    }

    public void Dispose() => Services.Dispose();
}
