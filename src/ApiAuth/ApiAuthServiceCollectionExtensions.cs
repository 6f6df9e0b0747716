using ApiAuth;
using ApiAuth.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers ApiAuth provider profiles for services ApiAuth does not ship, on an <see cref="IServiceCollection"/>.
/// </summary>
public static class ApiAuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers a provider profile for a service ApiAuth does not ship (a gateway, a relay, a self-hosted server),
    /// built on an existing profile. Clients choose it with <see cref="ApiAuthDiagnosticsOptions.Provider"/>, or by host;
    /// <see cref="ApiAuthProviderInfo.GetAll(IServiceProvider)"/> lists it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="id">The profile id clients name in <see cref="ApiAuthDiagnosticsOptions.Provider"/>.</param>
    /// <param name="configure">Configures the profile.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="id"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or whitespace.</exception>
    public static IServiceCollection AddApiAuthProvider(this IServiceCollection services, string id, Action<ApiAuthProviderProfile> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(configure);

        AddProviderRegistry(services);
        services.Configure<ApiAuthProviderOptions>(o =>
        {
            if (!o.Profiles.TryGetValue(id, out ApiAuthProviderProfile? profile))
            {
                profile = new ApiAuthProviderProfile();
                o.Profiles[id] = profile;
            }

            configure(profile);
        });
        return services;
    }

    /// <summary>
    /// Registers the one <see cref="ProviderRegistry"/> of the container once: built-in profiles plus those from
    /// <see cref="AddApiAuthProvider"/> and the configuration section <c>ApiAuth:Providers</c>, validated at start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    internal static void AddProviderRegistry(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(ProviderRegistry)))
        {
            return;
        }

        services.AddOptions<ApiAuthProviderOptions>()
            .Configure<IServiceProvider>(static (o, sp) => sp.GetService<IConfiguration>()?.GetSection(ApiAuthHttpClientBuilderExtensions.ConfigurationSectionName).GetSection("Providers").Bind(o.Profiles))
            .Validate(static o =>
            {
                _ = CustomProfiles.Build(o);
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton(static sp => new ProviderRegistry(CustomProfiles.Build(sp.GetRequiredService<IOptions<ApiAuthProviderOptions>>().Value)));
    }
}
