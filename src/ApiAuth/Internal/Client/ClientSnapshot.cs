using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// One client's settings and everything learned under them: the policy's memo tables, the host last resolved to a profile,
/// whether the own-network warning was logged. An options reload swaps the whole snapshot for a new one, so nothing learned
/// under the old settings answers for the new ones. What survives a reload lives on <see cref="ClientState"/> instead.
/// </summary>
internal sealed class ClientSnapshot
{
    private HostProfile? _lastHost;
    private int _ownNetworkWarned;

    public ClientSnapshot(HandlerSettings settings, HeaderStyleCache style)
    {
        Settings = settings;
        Caches = new PolicyCaches(style, new CredentialCache(), new HeaderShapeCache());
    }

    /// <summary>Gets the settings.</summary>
    public HandlerSettings Settings { get; }

    /// <summary>Gets the credential policy's memo tables for these settings.</summary>
    public PolicyCaches Caches { get; }

    /// <summary>Gets the profile for a request: the configured one, else the host's (remembering the last host, as a client calls one).</summary>
    /// <param name="uri">The request URI.</param>
    /// <returns>The profile.</returns>
    public ProviderProfile ProfileFor(Uri? uri)
    {
        if (Settings.FixedProfile is { } fixedProfile)
        {
            return fixedProfile;
        }

        if (uri is not { IsAbsoluteUri: true })
        {
            return BuiltInProfiles.Generic;
        }

        string host = uri.IdnHost;
        HostProfile? last = _lastHost;
        if (last is not null && string.Equals(last.Host, host, StringComparison.Ordinal))
        {
            return last.Profile;
        }

        ProviderProfile profile = Settings.ProfileForHost(host);
        _lastHost = new HostProfile(host, profile);
        return profile;
    }

    /// <summary>Marks the plain-http warning for the user's own network as logged; true the first time only.</summary>
    /// <returns><see langword="true"/> when the warning should be logged now.</returns>
    public bool FirstOwnNetworkWarning() => Interlocked.Exchange(ref _ownNetworkWarned, 1) == 0;

    /// <summary>A host and the profile it resolved to.</summary>
    /// <param name="Host">The host.</param>
    /// <param name="Profile">Its profile.</param>
    private sealed record HostProfile(string Host, ProviderProfile Profile);
}
