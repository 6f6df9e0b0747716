namespace ApiAuth;

/// <summary>
/// The custom provider profiles of an application, by id. Binds from the configuration section <c>ApiAuth:Providers</c>.
/// </summary>
public sealed class ApiAuthProviderOptions
{
    /// <summary>Gets the custom profiles by id; an id of a built-in profile replaces it.</summary>
    public IDictionary<string, ApiAuthProviderProfile> Profiles { get; } = new Dictionary<string, ApiAuthProviderProfile>(StringComparer.OrdinalIgnoreCase);
}
