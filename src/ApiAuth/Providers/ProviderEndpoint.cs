namespace ApiAuth.Providers;

/// <summary>
/// Where one provider answers and where it reads the key: its hosts, the headers (with the scheme in front of the key) and
/// the environment variables users keep the key in. The profiles read these facts from here, and the analyzers
/// (<c>ApiAuth.Analyzers</c>) link this file, so the editor and the handler know the same hosts and headers.
/// </summary>
/// <remarks>Compiles under netstandard2.0 (no init accessors, no required members).</remarks>
internal sealed class ProviderEndpoint
{
    /// <summary>Initializes a new instance of the <see cref="ProviderEndpoint"/> class.</summary>
    /// <param name="id">The profile id.</param>
    /// <param name="displayName">The provider's name as users know it.</param>
    /// <param name="hosts">The hosts the provider answers on, exactly.</param>
    /// <param name="hostSuffixes">Host suffixes (starting with a dot) the provider answers on.</param>
    /// <param name="keyPlacements">Where the provider reads the key; the first is where a misplaced key is moved.</param>
    /// <param name="keyEnvironmentVariables">The environment variables users set for the key, most common first.</param>
    public ProviderEndpoint(string id, string displayName, string[] hosts, string[] hostSuffixes, KeyPlacement[] keyPlacements, string[] keyEnvironmentVariables)
    {
        Id = id;
        DisplayName = displayName;
        Hosts = hosts;
        HostSuffixes = hostSuffixes;
        KeyPlacements = keyPlacements;
        KeyEnvironmentVariables = keyEnvironmentVariables;
    }

    /// <summary>Gets the profile id.</summary>
    public string Id { get; }

    /// <summary>Gets the provider's name as users know it.</summary>
    public string DisplayName { get; }

    /// <summary>Gets the hosts the provider answers on, exactly.</summary>
    public string[] Hosts { get; }

    /// <summary>Gets host suffixes (starting with a dot) the provider answers on.</summary>
    public string[] HostSuffixes { get; }

    /// <summary>Gets where the provider reads the key; the first is the primary placement.</summary>
    public KeyPlacement[] KeyPlacements { get; }

    /// <summary>Gets the header of the primary placement.</summary>
    public string KeyHeader => KeyPlacements[0].Header;

    /// <summary>Gets the scheme of the primary placement, or <see langword="null"/> for a bare key.</summary>
    public string? KeyScheme => KeyPlacements[0].Scheme;

    /// <summary>Gets the placements after the primary one.</summary>
    public KeyPlacement[] AlternativeKeyPlacements => KeyPlacements.Skip(1).ToArray();

    /// <summary>Gets the environment variables users set for the key, most common first.</summary>
    public string[] KeyEnvironmentVariables { get; }

    /// <summary>Gets a value indicating whether the host belongs to this provider.</summary>
    /// <param name="host">The host, any case.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool Matches(string host) => Matches(Hosts, HostSuffixes, host);

    /// <summary>
    /// Gets a value indicating whether a host is one of <paramref name="hosts"/> or ends with one of <paramref name="suffixes"/>
    /// (and is longer than it): the one host rule of the profiles and the analyzers.
    /// </summary>
    /// <param name="hosts">Exact hosts.</param>
    /// <param name="suffixes">Host suffixes, each starting with a dot.</param>
    /// <param name="host">The host, any case.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public static bool Matches(string[] hosts, string[] suffixes, string host)
    {
        foreach (string h in hosts)
        {
            if (string.Equals(h, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (string suffix in suffixes)
        {
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the id, for test output.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
