using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ApiAuth.Internal;

/// <summary>
/// ApiAuth's instruments, created from <see cref="IMeterFactory"/> when the host has one (else a shared meter),
/// all under the meter <see cref="MeterName"/>. Tags are low-cardinality facts: cause, provider, stage, repair —
/// never a URL, a user or a key.
/// </summary>
internal sealed class ApiAuthMetrics
{
    public const string MeterName = "ApiAuth";
    public const string FailuresName = "apiauth.client.auth_failures";
    public const string RepairsName = "apiauth.client.credential_repairs";
    public const string RetriesName = "apiauth.client.rotation_retries";
    public const string CauseTag = "apiauth.failure.cause";
    public const string ProviderTag = "apiauth.provider";
    public const string StageTag = "apiauth.stage";
    public const string RepairTag = "apiauth.repair";
    public const string StatusTag = "http.response.status_code";
    public const string FailureEventName = "apiauth.auth_failure";
    public const string StageBeforeSend = "before_send";
    public const string StageResponse = "response";

    private static readonly Meter SharedMeter = new(MeterName);
    private static readonly CredentialRepairs[] AllRepairs = Enum.GetValues<CredentialRepairs>();

    private readonly Counter<long> _failures;
    private readonly Counter<long> _repairs;
    private readonly Counter<long> _retries;

    public ApiAuthMetrics(IMeterFactory? factory)
    {
        Meter meter = factory?.Create(MeterName) ?? SharedMeter;
        _failures = meter.CreateCounter<long>(FailuresName, "{failure}", "Authentication failures ApiAuth diagnosed, before sending or from a response.");
        _repairs = meter.CreateCounter<long>(RepairsName, "{request}", "Requests whose credential ApiAuth repaired before sending.");
        _retries = meter.CreateCounter<long>(RetriesName, "{request}", "Requests retried once with a rotated key after a 401.");
    }

    public void Failure(AuthFailure failure)
    {
        string stage = failure.RequestWasSent ? StageResponse : StageBeforeSend;
        if (_failures.Enabled)
        {
            _failures.Add(1, new(CauseTag, failure.Cause.ToString()), new(ProviderTag, failure.Provider), new(StageTag, stage));
        }

        if (Activity.Current is { } activity)
        {
            var tags = new ActivityTagsCollection
            {
                [CauseTag] = failure.Cause.ToString(),
                [ProviderTag] = failure.Provider,
                [StageTag] = stage,
            };
            if (failure.StatusCode is { } status)
            {
                tags[StatusTag] = (int)status;
            }

            activity.AddEvent(new ActivityEvent(FailureEventName, tags: tags));
            activity.SetStatus(ActivityStatusCode.Error, failure.Cause.ToString());
        }
    }

    public void Repaired(string provider, CredentialRepairs repairs)
    {
        if (!_repairs.Enabled)
        {
            return;
        }

        foreach (CredentialRepairs flag in AllRepairs)
        {
            if (flag != CredentialRepairs.None && (repairs & flag) == flag)
            {
                _repairs.Add(1, new(ProviderTag, provider), new(RepairTag, flag.ToString()));
            }
        }
    }

    public void Retried(string provider) => _retries.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider));
}
