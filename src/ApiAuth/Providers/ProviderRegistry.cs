using System.Collections.Concurrent;

namespace ApiAuth.Providers;

/// <summary>
/// Finds the profile for a request: by id when the client names one, else by host.
/// Host lookups are cached, so a client calling one host pays for the search once.
/// </summary>
internal sealed class ProviderRegistry
{
    private readonly ProviderProfile[] _profiles;
    private readonly Dictionary<string, ProviderProfile> _byId;
    private readonly ConcurrentDictionary<string, ProviderProfile> _byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes a new instance of the <see cref="ProviderRegistry"/> class.</summary>
    /// <param name="extra">Profiles registered by the application; they take precedence over built-in ones with the same id or host.</param>
    public ProviderRegistry(IEnumerable<ProviderProfile>? extra = null)
    {
        var list = new List<ProviderProfile>();
        if (extra is not null)
        {
            list.AddRange(extra);
        }

        list.AddRange(BuiltInProfiles.All);
        _profiles = [.. list];
        _byId = new Dictionary<string, ProviderProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (ProviderProfile profile in _profiles)
        {
            _byId.TryAdd(profile.Id, profile);
        }
    }

    /// <summary>Gets every profile, the application's first, including a built-in one an application profile shadows by id.</summary>
    public IReadOnlyList<ProviderProfile> All => _profiles;

    /// <summary>Gets the shared registry of built-in profiles.</summary>
    public static ProviderRegistry Default { get; } = new();

    /// <summary>
    /// Gets the registry an application's container holds (built-in profiles plus those registered with
    /// <c>AddApiAuthProvider</c> or in <c>ApiAuth:Providers</c>), or <see cref="Default"/> when the container has none.
    /// The one entry point for every offline API that should see custom profiles.
    /// </summary>
    /// <param name="services">The application's services, or <see langword="null"/> for the built-in profiles only.</param>
    /// <returns>The registry.</returns>
    public static ProviderRegistry From(IServiceProvider? services) =>
        services?.GetService(typeof(ProviderRegistry)) as ProviderRegistry ?? Default;

    /// <summary>Gets the profile with the id.</summary>
    /// <param name="id">A profile id.</param>
    /// <param name="profile">The profile.</param>
    /// <returns><see langword="true"/> when the id is known.</returns>
    public bool TryGet(string id, out ProviderProfile profile) => _byId.TryGetValue(id, out profile!);

    /// <summary>Gets every id known.</summary>
    public IEnumerable<string> Ids => _byId.Keys;

    /// <summary>Finds the profile for a host, or the generic profile.</summary>
    /// <param name="host">The request host.</param>
    /// <returns>The profile.</returns>
    public ProviderProfile ForHost(string host)
    {
        if (_byHost.TryGetValue(host, out ProviderProfile? cached))
        {
            return cached;
        }

        ProviderProfile found = BuiltInProfiles.Generic;
        foreach (ProviderProfile profile in _profiles)
        {
            if (profile.Matches(host))
            {
                found = profile;
                break;
            }
        }

        if (_byHost.Count < 1024)
        {
            _byHost.TryAdd(host, found);
        }

        return found;
    }
}
