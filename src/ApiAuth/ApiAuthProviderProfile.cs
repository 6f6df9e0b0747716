namespace ApiAuth;

/// <summary>
/// A provider profile for a service ApiAuth does not ship — your gateway, relay or self-hosted server — built on an
/// existing profile (<see cref="BasedOn"/>) whose key checks, error rules and remediations it inherits. Register it in
/// code with <c>services.AddApiAuthProvider(id, …)</c> or in configuration under <c>ApiAuth:Providers:{id}</c>.
/// </summary>
public sealed class ApiAuthProviderProfile
{
    /// <summary>Gets or sets the name users know the service by.</summary>
    /// <value>The default is <see langword="null"/>: the profile id is used.</value>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets the built-in profile this one extends (<c>openai-compatible</c>, <c>openai</c>, <c>anthropic</c> …).</summary>
    /// <value>The default is <c>openai-compatible</c>.</value>
    public string BasedOn { get; set; } = "openai-compatible";

    /// <summary>Gets the hosts the service answers on: exact names, or <c>*.suffix</c>.</summary>
    public IList<string> Hosts { get; } = new List<string>();

    /// <summary>Gets or sets the header the service reads the key from.</summary>
    /// <value>The default is <see langword="null"/>: the base profile's header.</value>
    public string? KeyHeader { get; set; }

    /// <summary>Gets or sets the scheme in front of the key (<c>Bearer</c>); an empty string means a bare key.</summary>
    /// <value>The default is <see langword="null"/>: the base profile's scheme.</value>
    public string? KeyScheme { get; set; }

    /// <summary>Gets or sets a value indicating whether every request needs a key (a missing one is refused before sending).</summary>
    /// <value>The default is <see langword="null"/>: the base profile's setting.</value>
    public bool? KeyRequired { get; set; }

    /// <summary>Gets the environment variables users set for this service's key; remediation texts name the first.</summary>
    public IList<string> KeyEnvironmentVariables { get; } = new List<string>();

    /// <summary>Gets or sets the page where users manage their keys; remediation texts link it.</summary>
    public string? KeysUrl { get; set; }

    /// <summary>Gets response headers carrying the service's request id, tried before the base profile's.</summary>
    public IList<string> RequestIdHeaders { get; } = new List<string>();

    /// <summary>Gets classification rules for the service's own error wording, tried before the base profile's.</summary>
    public IList<ApiAuthErrorRule> Rules { get; } = new List<ApiAuthErrorRule>();
}
