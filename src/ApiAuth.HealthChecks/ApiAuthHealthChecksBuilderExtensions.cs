using ApiAuth.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds ApiAuth credential health checks.</summary>
public static class ApiAuthHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check that probes the provider through the named client (which should have <c>AddApiAuthDiagnostics()</c>)
    /// with an authenticated, token-free call, and reports Unhealthy with the typed cause and remediation when the credential
    /// is refused. Results are cached for <see cref="ApiAuthHealthCheckOptions.CacheDuration"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="httpClientName">The name of the <see cref="HttpClient"/> to probe with.</param>
    /// <param name="configure">Configures the probe.</param>
    /// <param name="name">The health check's name; the default is <c>apiauth-{httpClientName}</c>.</param>
    /// <param name="tags">Tags for filtering checks.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="httpClientName"/> is <see langword="null"/>.</exception>
    public static IHealthChecksBuilder AddApiAuthHealthCheck(this IHealthChecksBuilder builder, string httpClientName, Action<ApiAuthHealthCheckOptions>? configure = null, string? name = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(httpClientName);

        var options = new ApiAuthHealthCheckOptions();
        configure?.Invoke(options);
        ApiAuthHealthCheck? instance = null;
        return builder.Add(new HealthCheckRegistration(
            name ?? "apiauth-" + httpClientName,
            sp => instance ??= new ApiAuthHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), httpClientName, options, sp.GetService<TimeProvider>() ?? TimeProvider.System),
            HealthStatus.Unhealthy,
            tags));
    }
}
