using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ApiAuth.HealthChecks;

/// <summary>Options of one ApiAuth credential health check.</summary>
public sealed class ApiAuthHealthCheckOptions
{
    /// <summary>The default for <see cref="CacheDuration"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>The default for <see cref="Timeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the path of the probe, relative to the client's base address: an authenticated call that spends no tokens.</summary>
    /// <value>The default is <c>models</c> (list models: <c>GET /v1/models</c> under an OpenAI-style base address).</value>
    public string ProbePath { get; set; } = "models";

    /// <summary>Gets or sets how long a result is reused before the provider is probed again, so health probes don't hammer it.</summary>
    /// <value>The default is <see cref="DefaultCacheDuration"/> (5 minutes). <see cref="TimeSpan.Zero"/> probes every time.</value>
    public TimeSpan CacheDuration { get; set; } = DefaultCacheDuration;

    /// <summary>Gets or sets how long one probe may take.</summary>
    /// <value>The default is <see cref="DefaultTimeout"/> (10 seconds).</value>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Gets or sets the status reported when the probe fails for a reason other than authentication (network, 5xx, timeout).</summary>
    /// <value>The default is <see cref="HealthStatus.Degraded"/>: the key may be fine; the provider or the network is not.</value>
    public HealthStatus NonAuthFailureStatus { get; set; } = HealthStatus.Degraded;
}
