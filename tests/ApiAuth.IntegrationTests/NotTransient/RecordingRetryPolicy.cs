using System.ClientModel.Primitives;
using System.Collections.Concurrent;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// System.ClientModel's default retry policy (3 retries, the same decisions on what to retry and how long to wait),
/// except that it records each back-off instead of sleeping through it: the OpenAI and Azure SDKs wait on the real
/// clock, and a test must not.
/// </summary>
internal sealed class RecordingRetryPolicy : ClientRetryPolicy
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>Gets every back-off the policy asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    protected override void Wait(TimeSpan time, CancellationToken cancellationToken) => _waits.Enqueue(time);

    protected override Task WaitAsync(TimeSpan time, CancellationToken cancellationToken)
    {
        _waits.Enqueue(time);
        return Task.CompletedTask;
    }
}
