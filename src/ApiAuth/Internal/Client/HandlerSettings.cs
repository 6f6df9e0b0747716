using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// A client's options read once (per reload): the fixed profile, the configured key already sanitized, org/project ids cleaned,
/// host mappings resolved. The handler, the start-up validator and the offline check all build this same snapshot, so the
/// environment variable is read, the key sanitized and the provider looked up in one place.
/// </summary>
internal sealed class HandlerSettings
{
    private readonly List<(string Host, ProviderProfile Profile)>? _hostProviders;
    private ConfiguredHeader? _configuredHeader;

    /// <summary>Reads options for a client.</summary>
    /// <param name="options">The options.</param>
    /// <param name="registry">The provider registry.</param>
    public HandlerSettings(ApiAuthDiagnosticsOptions options, ProviderRegistry registry)
        : this(options, registry, offline: false)
    {
    }

    private HandlerSettings(ApiAuthDiagnosticsOptions options, ProviderRegistry registry, bool offline)
    {
        Options = options;
        Registry = registry;
        List<(string, string)>? problems = null;
        if (options.Provider is { Length: > 0 } id)
        {
            if (registry.TryGet(id, out ProviderProfile profile))
            {
                FixedProfile = profile;
            }
            else
            {
                (problems ??= []).Add((nameof(options.Provider), $"Unknown provider '{id}'. Known providers: {string.Join(", ", registry.Ids)}."));
            }
        }

        string? key = options.ApiKey;
        if (string.IsNullOrEmpty(key) && options.ApiKeyEnvironmentVariable is { Length: > 0 } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
            KeyVariable = variable;
            KeyVariableIsSet = key is not null;
        }

        if (!string.IsNullOrEmpty(key))
        {
            ConfiguredKey = CredentialSanitizer.Sanitize(key, scheme: null);
            KeySource = offline ? null : KeyVariable is null ? "ApiAuthDiagnosticsOptions.ApiKey" : $"the environment variable {KeyVariable}";
        }

        foreach (KeyValuePair<string, string> mapping in options.HostProviders)
        {
            if (registry.TryGet(mapping.Value, out ProviderProfile mapped))
            {
                (_hostProviders ??= []).Add((mapping.Key.Trim(), mapped));
            }
            else
            {
                (problems ??= []).Add((nameof(options.HostProviders), $"HostProviders maps '{mapping.Key}' to the unknown provider '{mapping.Value}'. Known providers: {string.Join(", ", registry.Ids)}."));
            }
        }

        Problems = problems ?? [];
        AllowedHosts = options.AllowedHosts.Count == 0 ? null : [.. options.AllowedHosts.Select(static h => h.Trim())];
        Organization = options.Organization is { Length: > 0 } org ? CredentialSanitizer.CleanPlain(org) : null;
        Project = options.Project is { Length: > 0 } project ? CredentialSanitizer.CleanPlain(project) : null;
        Locator = CredentialLocator.For(registry);
        OrganizationUnwritable = Organization is not null && CredentialLocator.HasControlCharacter(Organization, out _);
        ProjectUnwritable = Project is not null && CredentialLocator.HasControlCharacter(Project, out _);
    }

    /// <summary>Reads options for a handler: options that name an unknown provider cannot make one.</summary>
    /// <param name="options">The options.</param>
    /// <param name="registry">The provider registry.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">The options name an unknown provider.</exception>
    public static HandlerSettings ForHandler(ApiAuthDiagnosticsOptions options, ProviderRegistry registry)
    {
        var settings = new HandlerSettings(options, registry);
        if (settings.Problems.Count > 0)
        {
            throw new InvalidOperationException("ApiAuth: " + settings.Problems[0].Message);
        }

        return settings;
    }

    /// <summary>Settings for the offline check of a key handed over directly (no option or variable to name as its source).</summary>
    /// <param name="key">The key.</param>
    /// <param name="profile">The profile.</param>
    /// <param name="registry">The registry the profile comes from.</param>
    /// <returns>The settings.</returns>
    public static HandlerSettings ForKey(string key, ProviderProfile profile, ProviderRegistry registry) =>
        new(new ApiAuthDiagnosticsOptions { ApiKey = key, Provider = profile.Id }, registry, offline: true);

    /// <summary>Gets what is wrong with the options (option name, message), empty when nothing is.</summary>
    public IReadOnlyList<(string Option, string Message)> Problems { get; }

    /// <summary>Gets the registry the profiles come from.</summary>
    public ProviderRegistry Registry { get; }

    /// <summary>Gets the credential locator for the registry's profiles.</summary>
    public CredentialLocator Locator { get; }

    /// <summary>
    /// Gets a value indicating whether <see cref="Organization"/> holds a control character and so can never be written as a
    /// header: start-up validation reports it, and a request it would be added to is refused.
    /// </summary>
    public bool OrganizationUnwritable { get; }

    /// <summary>Gets a value indicating whether <see cref="Project"/> holds a control character (see <see cref="OrganizationUnwritable"/>).</summary>
    public bool ProjectUnwritable { get; }

    /// <summary>Gets the options the settings were read from.</summary>
    public ApiAuthDiagnosticsOptions Options { get; }

    /// <summary>Gets the profile named by <see cref="ApiAuthDiagnosticsOptions.Provider"/>, if any.</summary>
    public ProviderProfile? FixedProfile { get; }

    /// <summary>Gets the key from options or the environment variable, sanitized as a bare key.</summary>
    public SanitizedCredential? ConfiguredKey { get; }

    /// <summary>Gets where the configured key came from, for messages ("the environment variable X"), or <see langword="null"/> offline.</summary>
    public string? KeySource { get; }

    /// <summary>Gets the environment variable the key was read from, if any.</summary>
    public string? KeyVariable { get; }

    /// <summary>Gets a value indicating whether <see cref="KeyVariable"/> is set in this process (possibly empty).</summary>
    public bool KeyVariableIsSet { get; }

    /// <summary>Gets the hosts a credential may go to, or <see langword="null"/> for any.</summary>
    public string[]? AllowedHosts { get; }

    /// <summary>Gets the organization id to send, cleaned.</summary>
    public string? Organization { get; }

    /// <summary>Gets the project id to send, cleaned.</summary>
    public string? Project { get; }

    /// <summary>Gets the profile for a host: the options' mapping first, then the registry's (<c>generic</c> for unknown hosts).</summary>
    /// <param name="host">The host.</param>
    /// <returns>The profile.</returns>
    public ProviderProfile ProfileForHost(string host)
    {
        if (_hostProviders is not null)
        {
            foreach ((string pattern, ProviderProfile profile) in _hostProviders)
            {
                if (HostMatches(pattern, host))
                {
                    return profile;
                }
            }
        }

        return Registry.ForHost(host);
    }

    /// <summary>Gets a value indicating whether a credential may be sent to the host.</summary>
    /// <param name="host">The host.</param>
    /// <returns><see langword="true"/> when <see cref="AllowedHosts"/> is unset or matches.</returns>
    public bool IsAllowedHost(string host)
    {
        if (AllowedHosts is null)
        {
            return true;
        }

        foreach (string pattern in AllowedHosts)
        {
            if (HostMatches(pattern, host))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HostMatches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern.AsSpan(1), StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the header value for the configured key in the profile's form, built once per profile.</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>The header value.</returns>
    public string ConfiguredHeaderValue(ProviderProfile profile)
    {
        ConfiguredHeader? cached = _configuredHeader;
        if (cached is not null && ReferenceEquals(cached.Profile, profile))
        {
            return cached.Value;
        }

        string key = ConfiguredKey!.Key;
        string value = profile.KeyScheme is null ? key : string.Concat(profile.KeyScheme, " ", key);
        _configuredHeader = new ConfiguredHeader(profile, value);
        return value;
    }

    private sealed record ConfiguredHeader(ProviderProfile Profile, string Value);
}
