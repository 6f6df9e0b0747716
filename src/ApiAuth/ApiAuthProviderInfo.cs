using ApiAuth.Providers;

namespace ApiAuth;

/// <summary>
/// Read-only facts about one provider ApiAuth knows: its id, name, hosts, where it reads the key, the environment variables
/// users keep the key in, where keys are managed, and the formats its keys have. Built from the same profiles the handler
/// uses, so a tool (a CLI, a setup page, an analyzer's tests) never keeps a copy of its own.
/// </summary>
/// <remarks>
/// Key placements and key formats are value tuples rather than types of their own: they are plain records of data with
/// no behaviour, and keeping the catalog to one public type keeps ApiAuth's public surface small.
/// </remarks>
public sealed class ApiAuthProviderInfo
{
    private static readonly ApiAuthProviderInfo[] s_builtIn = [.. BuiltInProfiles.All.Select(static p => new ApiAuthProviderInfo(p, isBuiltIn: true))];

    private ApiAuthProviderInfo(ProviderProfile profile, bool isBuiltIn)
    {
        Id = profile.Id;
        DisplayName = profile.DisplayName;
        IsBuiltIn = isBuiltIn;
        Hosts = [.. profile.Hosts, .. profile.HostSuffixes.Select(static s => "*" + s)];
        KeyPlacements = [(profile.KeyHeader, profile.KeyScheme), .. profile.AlternativeKeyPlacements.Select(static p => (p.Header, p.Scheme))];
        KeyQueryParameter = profile.KeyQueryParameter;
        KeyEnvironmentVariables = [.. profile.KeyEnvironmentVariables];
        KeysUrl = profile.KeysUrl;
        KeyFormats = [.. Providers.KeyFormats.Published()
            .Where(f => profile.IsOwnVendor(f.Vendor))
            .Select(static f => (f.Vendor, f.Prefix, f.MinLength, f.MaxLength, f.Alphabet, f.Unmistakable))];
    }

    /// <summary>Gets the profiles that ship with ApiAuth, in the order host detection tries them.</summary>
    public static IReadOnlyList<ApiAuthProviderInfo> BuiltIn => s_builtIn;

    /// <summary>Gets the provider id, as <see cref="ApiAuthDiagnosticsOptions.Provider"/> and <see cref="AuthFailure.Provider"/> name it (<c>openai</c>, <c>azure-openai</c> …).</summary>
    public string Id { get; }

    /// <summary>Gets the provider's name as users know it.</summary>
    public string DisplayName { get; }

    /// <summary>Gets a value indicating whether the profile ships with ApiAuth (<see langword="false"/> for one the application registered).</summary>
    public bool IsBuiltIn { get; }

    /// <summary>Gets the hosts the provider answers on: exact names, or <c>*.suffix</c> for every host under a domain (Azure resources). Empty for a profile chosen by id only.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>
    /// Gets the headers the provider reads the key from, with the scheme in front of it (<c>Bearer</c>) or <see langword="null"/>
    /// for a bare key. The first is where ApiAuth moves a key found in a header the provider does not read.
    /// </summary>
    public IReadOnlyList<(string Header, string? Scheme)> KeyPlacements { get; }

    /// <summary>Gets the query parameter the provider also reads the key from (Gemini's <c>key</c>), or <see langword="null"/>.</summary>
    public string? KeyQueryParameter { get; }

    /// <summary>Gets the environment variables users keep this provider's key in, most common first (remediation texts name the first).</summary>
    public IReadOnlyList<string> KeyEnvironmentVariables { get; }

    /// <summary>Gets the page where users manage their keys, or <see langword="null"/> when ApiAuth cannot know it (an unknown service).</summary>
    public string? KeysUrl { get; }

    /// <summary>
    /// Gets the published formats of the keys the provider accepts as its own, most common first: the vendor that issues
    /// them, the literal prefix, the length range (prefix included) and every character that may follow the prefix, and
    /// whether the prefix alone proves the vendor. An OpenAI-compatible or unknown service lists every AI vendor's formats
    /// (gateways and relays forward them); a provider whose keys have no prefix (Azure OpenAI) lists none. A format is
    /// evidence of whose key a value is; ApiAuth never refuses a key only because it matches no format.
    /// </summary>
    public IReadOnlyList<(string Vendor, string Prefix, int MinLength, int MaxLength, string Alphabet, bool Unmistakable)> KeyFormats { get; }

    /// <summary>Finds a built-in provider by id, ignoring case.</summary>
    /// <param name="id">The provider id (<c>openai</c>, <c>gemini</c> …).</param>
    /// <returns>The provider, or <see langword="null"/> when no built-in profile has the id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public static ApiAuthProviderInfo? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Array.Find(s_builtIn, p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Gets every provider an application's clients can use: the profiles it registered (<c>AddApiAuthProvider</c>, or the
    /// configuration section <c>ApiAuth:Providers</c>) first, then the built-in ones it did not replace by id.
    /// </summary>
    /// <param name="services">The application's service provider; without an ApiAuth registration, the built-in profiles.</param>
    /// <returns>The providers, one per id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">A registered profile is invalid (for example based on an unknown provider).</exception>
    public static IReadOnlyList<ApiAuthProviderInfo> GetAll(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ProviderRegistry registry = ProviderRegistry.From(services);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<ApiAuthProviderInfo>();
        foreach (ProviderProfile profile in registry.All)
        {
            if (seen.Add(profile.Id))
            {
                int builtIn = Array.IndexOf(BuiltInProfiles.All, profile);
                result.Add(builtIn >= 0 ? s_builtIn[builtIn] : new ApiAuthProviderInfo(profile, isBuiltIn: false));
            }
        }

        return result;
    }

    /// <summary>Returns the provider id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
