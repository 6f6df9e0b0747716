using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ApiAuth.HealthChecks;

/// <summary>
/// Probes a provider through an <see cref="HttpClient"/> that has ApiAuth, and reports Unhealthy with the typed
/// <see cref="AuthFailureCause"/> and its remediation when the credential is refused. Results are cached.
/// </summary>
internal sealed class ApiAuthHealthCheck : IHealthCheck
{
    private readonly IHttpClientFactory _factory;
    private readonly string _clientName;
    private readonly ApiAuthHealthCheckOptions _options;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private (HealthCheckResult Result, DateTimeOffset At)? _cached;
    private Task<HealthCheckResult>? _inFlight;

    public ApiAuthHealthCheck(IHttpClientFactory factory, string clientName, ApiAuthHealthCheckOptions options, TimeProvider time)
    {
        _factory = factory;
        _clientName = clientName;
        _options = options;
        _time = time;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> probe;
        lock (_gate)
        {
            if (Fresh() is { } cached)
            {
                return Task.FromResult(cached);
            }

            // Concurrent health requests share one probe; a finished one is never reused once its result went stale.
            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _inFlight = ProbeAndCacheAsync();
            }

            probe = _inFlight;
        }

        return probe.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> ProbeAndCacheAsync()
    {
        try
        {
            HealthCheckResult result = await ProbeAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _cached = (result, _time.GetUtcNow());
            }

            return result;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    private HealthCheckResult? Fresh() =>
        _cached is { } cached && _options.CacheDuration > TimeSpan.Zero && _time.GetUtcNow() - cached.At < _options.CacheDuration ? cached.Result : null;

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpClient client = _factory.CreateClient(_clientName);
        try
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri(_options.ProbePath, UriKind.RelativeOrAbsolute), HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.TryGetAuthFailure(out AuthFailure? returned))
            {
                return Unhealthy(returned);
            }

            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"The credential of '{_clientName}' is accepted ({status}).")
                : new HealthCheckResult(_options.NonAuthFailureStatus, $"The probe of '{_clientName}' answered {status}, which is not about the credential.", data: Data(("status", status)));
        }
        catch (Exception e) when (e.TryGetAuthFailure(out AuthFailure? failure))
        {
            return Unhealthy(failure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(_options.NonAuthFailureStatus, $"The probe of '{_clientName}' timed out after {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            return new HealthCheckResult(_options.NonAuthFailureStatus, $"The probe of '{_clientName}' could not reach the provider ({e.HttpRequestError}).");
        }
    }

    private HealthCheckResult Unhealthy(AuthFailure failure) =>
        HealthCheckResult.Unhealthy(
            $"{failure.Cause}: {failure.Remediation}",
            data: Data(
                ("cause", failure.Cause.ToString()),
                ("provider", failure.Provider),
                ("requestWasSent", failure.RequestWasSent),
                ("status", failure.StatusCode is { } s ? (int)s : null),
                ("keyHint", failure.KeyHint),
                ("requestId", failure.RequestId),
                ("client", _clientName)));

    private static Dictionary<string, object> Data(params (string Key, object? Value)[] pairs)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach ((string key, object? value) in pairs)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }
}
