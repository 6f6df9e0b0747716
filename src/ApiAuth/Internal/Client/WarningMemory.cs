namespace ApiAuth.Internal;

/// <summary>
/// What a client already reported, so a warning is logged once and an SDK's immediate retries of a refusal are logged once:
/// the repairs warned about (once per client for its lifetime, reloads included) and the last refusal logged.
/// </summary>
internal sealed class WarningMemory
{
    /// <summary>How long the same refusal before sending (cause, key hint, host) is logged only once for a client.</summary>
    public static readonly TimeSpan RefusalLogWindow = TimeSpan.FromSeconds(10);

    private int _warnedRepairs;
    private RecentRefusal? _lastRefusal;

    /// <summary>Marks repairs as reported and returns those reported for the first time.</summary>
    /// <param name="repairs">The repairs just made.</param>
    /// <returns>The repairs not reported before.</returns>
    public CredentialRepairs FirstTime(CredentialRepairs repairs)
    {
        while (true)
        {
            int seen = Volatile.Read(ref _warnedRepairs);
            int fresh = (int)repairs & ~seen;
            if (fresh == 0)
            {
                return CredentialRepairs.None;
            }

            if (Interlocked.CompareExchange(ref _warnedRepairs, seen | fresh, seen) == seen)
            {
                return (CredentialRepairs)fresh;
            }
        }
    }

    /// <summary>Records a refusal; true when it is not a repeat of the last one within <see cref="RefusalLogWindow"/>.</summary>
    /// <param name="failure">The refusal.</param>
    /// <param name="now">The time now.</param>
    /// <returns><see langword="true"/> when the refusal should be logged.</returns>
    public bool ShouldLogRefusal(AuthFailure failure, DateTimeOffset now)
    {
        RecentRefusal? last = _lastRefusal;
        if (last is not null && last.Cause == failure.Cause && string.Equals(last.KeyHint, failure.KeyHint, StringComparison.Ordinal)
            && string.Equals(last.Host, failure.Host, StringComparison.Ordinal) && now - last.At < RefusalLogWindow)
        {
            return false;
        }

        _lastRefusal = new RecentRefusal(failure.Cause, failure.KeyHint, failure.Host, now);
        return true;
    }

    /// <summary>A refusal before sending that was logged.</summary>
    /// <param name="Cause">The cause.</param>
    /// <param name="KeyHint">The key hint.</param>
    /// <param name="Host">The host.</param>
    /// <param name="At">When it was logged.</param>
    private sealed record RecentRefusal(AuthFailureCause Cause, string? KeyHint, string? Host, DateTimeOffset At);
}
