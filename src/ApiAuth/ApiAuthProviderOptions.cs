namespace ApiAuth;

/// <summary>
/// The custom provider profiles of an application, by id: the container <c>AddApiAuthProvider</c> and the configuration
/// section <c>ApiAuth:Providers</c> fill, read once to build the <see cref="Providers.ProviderRegistry"/>. Internal: a binding
/// container only; applications describe profiles with <see cref="ApiAuthProviderProfile"/> and list them with
/// <see cref="ApiAuthProviderInfo"/>.
/// </summary>
internal sealed class ApiAuthProviderOptions
{
    /// <summary>Gets the custom profiles by id; an id of a built-in profile replaces it.</summary>
    public IDictionary<string, ApiAuthProviderProfile> Profiles { get; } = new Dictionary<string, ApiAuthProviderProfile>(StringComparer.OrdinalIgnoreCase);
}
