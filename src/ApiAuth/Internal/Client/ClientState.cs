namespace ApiAuth.Internal;

/// <summary>
/// What ApiAuth remembers about one named client across handler rotations: which repairs it
/// already warned about, and the last repaired header value (so a repair allocates once, not per request).
/// </summary>
internal sealed class ClientState
{
    private readonly object _gate = new();
    private int _warnedRepairs;
    private volatile HandlerSettings? _settings;

    /// <summary>Gets the client's current settings; they follow <c>IOptionsMonitor</c> reloads (a rotated key applies to the next request).</summary>
    public HandlerSettings Settings => _settings ?? throw new InvalidOperationException("ApiAuth: client settings were not initialized.");

    /// <summary>Gets the settings in force before the last reload, to recognise a request sent with a key that has since been replaced.</summary>
    public HandlerSettings? PreviousSettings { get; private set; }

    /// <summary>Creates the settings on first use and subscribes to option changes for this client.</summary>
    /// <param name="monitor">The options monitor.</param>
    /// <param name="name">The client name.</param>
    /// <param name="create">Builds settings from options.</param>
    public void EnsureSettings(Microsoft.Extensions.Options.IOptionsMonitor<ApiAuthDiagnosticsOptions> monitor, string name, Func<ApiAuthDiagnosticsOptions, HandlerSettings> create)
    {
        if (_settings is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_settings is not null)
            {
                return;
            }

            _settings = create(monitor.Get(name));
            // The monitor is a singleton that outlives the client state: the subscription lives as long as both.
            _ = monitor.OnChange((options, changed) =>
            {
                if (string.Equals(changed ?? Microsoft.Extensions.Options.Options.DefaultName, name, StringComparison.Ordinal))
                {
                    Replace(create(options));
                }
            });
        }
    }

    /// <summary>Replaces the settings after a reload; what was learned for the old ones (host, validated key) is forgotten.</summary>
    private void Replace(HandlerSettings next)
    {
        lock (_gate)
        {
            PreviousSettings = _settings;
            _settings = next;
            LastHost = null;
            LastValid = null;
        }
    }

    /// <summary>Gets or sets the last repair made, keyed by the raw header value it came from.</summary>
    public RepairCacheEntry? LastRepair { get; set; }

    /// <summary>The client's Authorization style is not known yet.</summary>
    public const int UnknownAuthorization = 0;

    /// <summary>The client sets Authorization as a raw string (SDKs do).</summary>
    public const int RawAuthorization = 1;

    /// <summary>The client sets Authorization typed (<c>DefaultRequestHeaders.Authorization</c>).</summary>
    public const int TypedAuthorization = 2;

    /// <summary>The style is re-learned every this many requests plus one (a power of two minus one, used as a mask).</summary>
    public const int RelearnEvery = 1023;

    /// <summary>Gets or sets how this client sets its Authorization header, learned from its first request.</summary>
    public int AuthorizationStyle { get; set; }

    /// <summary>Gets or sets a request counter (racy by design: it only paces re-learning).</summary>
    public int StyleCounter { get; set; }

    /// <summary>Gets or sets a value indicating whether ApiAuth turned the primary handler's automatic redirects off and follows them itself.</summary>
    public bool FollowsRedirects { get; set; }

    /// <summary>Gets or sets the redirection limit taken from the primary handler.</summary>
    public int MaxRedirects { get; set; } = 50;

    /// <summary>Gets or sets the last clean credential value that passed validation, and for which profile.</summary>
    public ValidatedCredential? LastValid { get; set; }

    /// <summary>Gets or sets the last host resolved to a profile (a client calls one host).</summary>
    public HostProfile? LastHost { get; set; }

    /// <summary>Gets or sets the last refusal before sending that was logged.</summary>
    public RecentRefusal? LastRefusal { get; set; }

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

/// <summary>A refusal before sending that was logged, to log an SDK's immediate retries of it once.</summary>
/// <param name="Cause">The cause.</param>
/// <param name="KeyHint">The key hint.</param>
/// <param name="Host">The host.</param>
/// <param name="At">When it was logged.</param>
internal sealed record RecentRefusal(AuthFailureCause Cause, string? KeyHint, string? Host, DateTimeOffset At);

/// <summary>A clean credential value that passed validation for a profile.</summary>
/// <param name="Value">The header value (or typed parameter) as sent.</param>
/// <param name="Profile">The profile it was validated for.</param>
internal sealed record ValidatedCredential(string Value, ApiAuth.Providers.ProviderProfile Profile);

/// <summary>A host and the profile it resolved to.</summary>
/// <param name="Host">The host.</param>
/// <param name="Profile">Its profile.</param>
internal sealed record HostProfile(string Host, ApiAuth.Providers.ProviderProfile Profile);
