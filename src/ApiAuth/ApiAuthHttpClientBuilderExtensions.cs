using ApiAuth;
using ApiAuth.Internal;
using ApiAuth.Providers;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds ApiAuth's self-diagnosing authentication handler to an <see cref="HttpClient"/> built by <c>IHttpClientFactory</c>.
/// </summary>
public static class ApiAuthHttpClientBuilderExtensions
{
    /// <summary>The configuration section options bind from; <c>ApiAuth:Clients:{name}</c> then overrides it per named client.</summary>
    public const string ConfigurationSectionName = "ApiAuth";

    /// <summary>
    /// Adds the ApiAuth diagnostics handler to the client: it repairs and validates the credential before each request
    /// leaves and turns 400/401/403 authentication failures into a typed <see cref="AuthFailure"/> thrown as
    /// <see cref="ApiAuthException"/>. Options bind from configuration (<c>ApiAuth</c>, then <c>ApiAuth:Clients:{name}</c>),
    /// then <paramref name="configure"/> runs. Calling it twice on one client adds one handler.
    /// </summary>
    /// <remarks>
    /// Redirects: whatever the order the primary handler is configured in, ApiAuth turns its automatic redirects off and
    /// follows them itself, a new request per hop, with no credential header, cookie or proxy credential across origins. When
    /// it cannot (a primary handler already used, or one whose redirect switch is read-only), the client's options fail
    /// validation at start-up with the fix. A primary handler with no redirect switch (a test stub) is left as it is.
    /// </remarks>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Configures the client's options; runs after configuration binding.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">
    /// <paramref name="builder"/> configures every client (<c>ConfigureHttpClientDefaults</c>): ApiAuth's options and state are per
    /// named client, so add it to each client with <c>AddHttpClient(name).AddApiAuthDiagnostics()</c>.
    /// </exception>
    public static IHttpClientBuilder AddApiAuthDiagnostics(this IHttpClientBuilder builder, Action<ApiAuthDiagnosticsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // ConfigureHttpClientDefaults hands out a builder without a name (the NRT annotation says otherwise).
        string? maybeName = builder.Name;
        if (maybeName is null)
        {
            throw new NotSupportedException("AddApiAuthDiagnostics() configures one named client and cannot be used inside ConfigureHttpClientDefaults(): its options, key and redirect handling are per client name. Call it on each client instead: services.AddHttpClient(\"openai\").AddApiAuthDiagnostics().");
        }

        string name = maybeName;
        IServiceCollection services = builder.Services;
        ApiAuthServiceCollectionExtensions.AddProviderRegistry(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new ApiAuthMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiAuthDiagnosticsOptions>, ApiAuthDiagnosticsOptionsValidator>());

        OptionsBuilder<ApiAuthDiagnosticsOptions> options = services.AddOptions<ApiAuthDiagnosticsOptions>(name);
        bool first = Registrations(services).Add(name);
        if (first)
        {
            // One state per client name, shared by every handler the factory builds for it (handlers rotate every few minutes).
            services.TryAddKeyedSingleton(name, static (_, _) => new ClientState());
            options.Configure<IServiceProvider>((o, sp) => BindConfiguration(o, sp, name));
            services.AddSingleton<IOptionsChangeTokenSource<ApiAuthDiagnosticsOptions>>(sp => new ConfigurationReloadTokenSource(name, sp.GetService<IConfiguration>()));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!first)
        {
            return builder;
        }

        options.ValidateOnStart();

        // .NET drops only Authorization on a redirect to another host; x-api-key, api-key, Cookie … would follow. ApiAuth turns
        // the primary handler's own redirects off and follows them itself, a new message per hop, without any credential across
        // origins. A filter does it once every configuration action has run (whatever the registration order); a validator
        // reports at start-up a primary handler whose redirects cannot be turned off.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, RedirectSafetyFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiAuthDiagnosticsOptions>, RedirectSafetyValidator>());

        services.Configure<HttpClientFactoryOptions>(name, factoryOptions => factoryOptions.HttpMessageHandlerBuilderActions.Add(handlerBuilder =>
        {
            if (handlerBuilder is RedirectProbeBuilder)
            {
                return;
            }

            IServiceProvider sp = handlerBuilder.Services;
            ProviderRegistry registry = sp.GetRequiredService<ProviderRegistry>();
            ClientState state = sp.GetRequiredKeyedService<ClientState>(name);
            state.EnsureSettings(sp.GetRequiredService<IOptionsMonitor<ApiAuthDiagnosticsOptions>>(), name, o => HandlerSettings.ForHandler(o, registry));
            ILogger logger = sp.GetService<ILoggerFactory>()?.CreateLogger("ApiAuth") ?? NullLogger.Instance;
            handlerBuilder.AdditionalHandlers.Add(new ApiAuthDiagnosticsHandler(
                name,
                state,
                registry,
                logger,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ApiAuthMetrics>()));
        }));

        return builder;
    }

    private static void BindConfiguration(ApiAuthDiagnosticsOptions options, IServiceProvider services, string name)
    {
        if (services.GetService<IConfiguration>() is not { } configuration)
        {
            return;
        }

        IConfigurationSection root = configuration.GetSection(ConfigurationSectionName);
        root.Bind(options);
        if (name.Length > 0)
        {
            root.GetSection("Clients").GetSection(name).Bind(options);
        }
    }

    private static RegisteredClients Registrations(IServiceCollection services)
    {
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(RegisteredClients) && descriptor.ImplementationInstance is RegisteredClients existing)
            {
                return existing;
            }
        }

        var created = new RegisteredClients();
        services.AddSingleton(created);
        return created;
    }
}
