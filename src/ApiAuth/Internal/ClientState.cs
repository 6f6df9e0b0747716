namespace ApiAuth.Internal;

/// <summary>
/// What ApiAuth remembers about one named client across handler rotations: which repairs it
/// already warned about, and the last repaired header value (so a repair allocates once, not per request).
/// </summary>
internal sealed class ClientState
{
    private int _warnedRepairs;

    /// <summary>Gets or sets the last repair made, keyed by the raw header value it came from.</summary>
    public RepairCacheEntry? LastRepair { get; set; }

    /// <summary>Gets or sets the last bearer token whose expiry was read.</summary>
    public JwtCacheEntry? LastJwt { get; set; }

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
}

/// <summary>A raw credential header value and what ApiAuth made of it.</summary>
/// <param name="Raw">The raw value as the caller set it.</param>
/// <param name="Sanitized">The sanitized credential.</param>
/// <param name="Verdict">Why it cannot be sent, or <see langword="null"/>.</param>
internal sealed record RepairCacheEntry(string Raw, SanitizedCredential Sanitized, KeyVerdict? Verdict)
{
    /// <summary>Gets the profile the value was analysed for.</summary>
    public required ApiAuth.Providers.ProviderProfile Profile { get; init; }

    /// <summary>Gets the header the value came from.</summary>
    public required string Header { get; init; }
}

/// <summary>A bearer token and its expiry, so the payload is decoded once per token, not per request.</summary>
/// <param name="HeaderValue">The header value the token came in.</param>
/// <param name="Expiry">Its <c>exp</c> claim, if any.</param>
internal sealed record JwtCacheEntry(string HeaderValue, DateTimeOffset? Expiry);
