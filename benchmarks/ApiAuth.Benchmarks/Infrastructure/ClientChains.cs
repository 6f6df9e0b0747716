using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>
/// Builds the handler chain <c>IHttpClientFactory</c> makes for a named client over a given terminal handler,
/// and strips the factory's own lifetime-tracking wrapper (itself one empty <see cref="DelegatingHandler"/>),
/// so every row differs from the plain-client baseline by exactly what it names.
/// </summary>
internal sealed class ClientChains : IDisposable
{
    public const string Name = "bench";

    private readonly List<ServiceProvider> _providers = [];

    /// <summary>Creates a client whose handlers are what <paramref name="configure"/> adds, over <paramref name="terminal"/>.</summary>
    /// <param name="terminal">The in-memory terminal handler.</param>
    /// <param name="configure">Adds handlers; call <c>RemoveAllLoggers()</c> to leave the factory's logging out.</param>
    /// <returns>A client that does not own the chain (this object does).</returns>
    public HttpClient Create(HttpMessageHandler terminal, Action<IHttpClientBuilder> configure) =>
        new(Chain(terminal, configure), disposeHandler: false);

    /// <summary>Builds the handler chain alone (for <see cref="HttpMessageInvoker"/>: no <see cref="HttpClient"/> around it).</summary>
    /// <param name="terminal">The in-memory terminal handler.</param>
    /// <param name="configure">Adds handlers.</param>
    /// <returns>The first handler of the chain (this object owns it).</returns>
    public HttpMessageHandler Chain(HttpMessageHandler terminal, Action<IHttpClientBuilder> configure)
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddHttpClient(Name)
            .ConfigurePrimaryHttpMessageHandler(() => terminal)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        configure(builder);
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        HttpMessageHandler outer = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(Name);
        return outer is DelegatingHandler { InnerHandler: { } inner } ? inner : outer;
    }

    /// <summary>Creates a client with ApiAuth alone (factory loggers removed) over <paramref name="terminal"/>.</summary>
    public HttpClient ApiAuth(HttpMessageHandler terminal, Action<ApiAuthDiagnosticsOptions>? configure = null) =>
        Create(terminal, b => b.RemoveAllLoggers().AddApiAuthDiagnostics(configure));

    /// <summary>Creates the same factory client without ApiAuth (factory loggers removed): the baseline every ApiAuth row is read against.</summary>
    public HttpClient Without(HttpMessageHandler terminal) =>
        Create(terminal, static b => b.RemoveAllLoggers());

    /// <summary>Creates a client with the empty handler alone (factory loggers removed), built the same way as <see cref="ApiAuth"/>.</summary>
    public HttpClient Empty(HttpMessageHandler terminal) =>
        Create(terminal, b => b.RemoveAllLoggers().AddHttpMessageHandler(() => new EmptyHandler()));

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
    }
}
