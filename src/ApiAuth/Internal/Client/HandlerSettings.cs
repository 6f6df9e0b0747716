using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// One handler's view of its options, resolved once when the handler is created: the fixed profile,
/// the configured key already sanitized and validated, and org/project ids cleaned.
/// </summary>
internal sealed class HandlerSettings
{
    private readonly List<(string Host, ProviderProfile Profile)>? _hostProviders;
    private ConfiguredHeader? _configuredHeader;
    private int _ownNetworkWarned;
    private HeaderShape? _shape;
    private int _shapeMisses;

    public HandlerSettings(ApiAuthDiagnosticsOptions options, ProviderRegistry registry)
    {
        Options = options;
        if (options.Provider is { Length: > 0 } id)
        {
            if (!registry.TryGet(id, out ProviderProfile profile))
            {
                throw new InvalidOperationException($"ApiAuth: unknown provider '{id}'. Known: {string.Join(", ", registry.Ids)}.");
            }

            FixedProfile = profile;
        }

        string? key = options.ApiKey;
        if (string.IsNullOrEmpty(key) && options.ApiKeyEnvironmentVariable is { Length: > 0 } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
            KeyVariable = variable;
        }

        if (!string.IsNullOrEmpty(key))
        {
            ConfiguredKey = CredentialSanitizer.Sanitize(key, scheme: null);
        }

        foreach (KeyValuePair<string, string> mapping in options.HostProviders)
        {
            if (!registry.TryGet(mapping.Value, out ProviderProfile mapped))
            {
                throw new InvalidOperationException($"ApiAuth: HostProviders maps '{mapping.Key}' to the unknown provider '{mapping.Value}'. Known: {string.Join(", ", registry.Ids)}.");
            }

            (_hostProviders ??= []).Add((mapping.Key.Trim(), mapped));
        }

        AllowedHosts = options.AllowedHosts.Count == 0 ? null : [.. options.AllowedHosts.Select(static h => h.Trim())];
        Organization = options.Organization is { Length: > 0 } org ? CredentialSanitizer.CleanPlain(org) : null;
        Project = options.Project is { Length: > 0 } project ? CredentialSanitizer.CleanPlain(project) : null;
        Locator = CredentialLocator.For(registry);
        OrganizationUnwritable = Organization is not null && CredentialLocator.HasControlCharacter(Organization, out _);
        ProjectUnwritable = Project is not null && CredentialLocator.HasControlCharacter(Project, out _);
    }

    /// <summary>Gets the credential locator for the registry's profiles.</summary>
    public CredentialLocator Locator { get; }

    /// <summary>
    /// Gets a value indicating whether <see cref="Organization"/> holds a control character and so can never be written as a
    /// header: start-up validation reports it, and a request it would be added to is refused.
    /// </summary>
    public bool OrganizationUnwritable { get; }

    /// <summary>Gets a value indicating whether <see cref="Project"/> holds a control character (see <see cref="OrganizationUnwritable"/>).</summary>
    public bool ProjectUnwritable { get; }

    /// <summary>Gets the header shape learned from this client's requests, if any.</summary>
    public HeaderShape? Shape => Volatile.Read(ref _shape);

    /// <summary>Counts a request whose shape did not match; true for the first and then every 64th, when the shape is learned anew.</summary>
    /// <returns><see langword="true"/> when the shape should be learned from this request.</returns>
    public bool ShouldLearnShape() => (Interlocked.Increment(ref _shapeMisses) & 63) == 1;

    /// <summary>Keeps a learned header shape.</summary>
    /// <param name="shape">The shape.</param>
    public void Learn(HeaderShape shape) => Volatile.Write(ref _shape, shape);

    /// <summary>Marks the plain-http warning for the user's own network as logged; true the first time only.</summary>
    /// <returns><see langword="true"/> when the warning should be logged now.</returns>
    public bool FirstOwnNetworkWarning() => Interlocked.Exchange(ref _ownNetworkWarned, 1) == 0;

    public ApiAuthDiagnosticsOptions Options { get; }

    public ProviderProfile? FixedProfile { get; }

    /// <summary>Gets the key from options or the environment variable, sanitized as a bare key.</summary>
    public SanitizedCredential? ConfiguredKey { get; }

    /// <summary>Gets the environment variable the key was read from, if any.</summary>
    public string? KeyVariable { get; }

    /// <summary>Gets the hosts a credential may go to, or <see langword="null"/> for any.</summary>
    public string[]? AllowedHosts { get; }

    public string? Organization { get; }

    public string? Project { get; }

    /// <summary>Gets the profile the options map the host to, if any.</summary>
    public ProviderProfile? ProfileForHost(string host)
    {
        if (_hostProviders is null)
        {
            return null;
        }

        foreach ((string pattern, ProviderProfile profile) in _hostProviders)
        {
            if (HostMatches(pattern, host))
            {
                return profile;
            }
        }

        return null;
    }

    /// <summary>Gets a value indicating whether a credential may be sent to the host.</summary>
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
