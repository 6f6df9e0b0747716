namespace ApiAuth.Providers;

/// <summary>
/// Everything ApiAuth knows about one provider, as data: where it answers, where it reads the key,
/// which key formats it issues, how it reports auth failures and what to tell the user.
/// The handler never special-cases a provider; it reads the profile.
/// </summary>
internal sealed class ProviderProfile
{
    /// <summary>Gets the profile id (<c>openai</c>, <c>anthropic</c> …).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the provider's name as users know it.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the hosts the provider answers on, exactly.</summary>
    public string[] Hosts { get; init; } = [];

    /// <summary>Gets host suffixes (starting with a dot) the provider answers on, e.g. <c>.openai.azure.com</c>.</summary>
    public string[] HostSuffixes { get; init; } = [];

    /// <summary>Gets the header the provider reads the key from.</summary>
    public string KeyHeader { get; init; } = "Authorization";

    /// <summary>Gets the scheme expected before the key in <see cref="KeyHeader"/> (<c>Bearer</c>), or <see langword="null"/> for a bare key.</summary>
    public string? KeyScheme { get; init; } = "Bearer";

    /// <summary>
    /// Gets other places the provider also reads a credential from, all valid there (Anthropic and Azure also read
    /// <c>Authorization: Bearer</c>). A credential found in one of them is checked, never moved.
    /// </summary>
    public KeyPlacement[] AlternativeKeyPlacements { get; init; } = [];

    /// <summary>Gets the query parameter the provider also reads the key from (Gemini's <c>?key=</c>), if any.</summary>
    public string? KeyQueryParameter { get; init; }

    /// <summary>Gets headers where users wrongly put the key for this provider; a key found there alone is moved to <see cref="KeyHeader"/>.</summary>
    public string[] MisplacedKeyHeaders { get; init; } = [];

    /// <summary>Gets a value indicating whether every request needs a key (so a missing one is refused before sending).</summary>
    public bool KeyRequired { get; init; }

    /// <summary>Gets a value indicating whether the profile knows the provider well enough to refuse template values such as <c>none</c> or <c>test</c> (not only unexpanded variables).</summary>
    public bool StrictPlaceholders { get; init; }

    /// <summary>Gets a value indicating whether keys in the wrong header are moved and the scheme is repaired (false for unknown services).</summary>
    public bool RepairsHeaders { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether this profile describes a service ApiAuth does not know (the generic profile, and
    /// custom ones based on it): nothing may be assumed about which header it reads or which vendors' keys it accepts.
    /// </summary>
    public bool IsUnknownService => !RepairsHeaders;

    /// <summary>Gets the key-format vendors this provider accepts (formats of other vendors marked unmistakable are refused).</summary>
    public string[] OwnKeyVendors { get; init; } = [];

    /// <summary>Gets a value indicating whether an unmistakable key of another vendor is refused.</summary>
    public bool RefusesForeignKeys { get; init; } = true;

    /// <summary>Gets the organization header, if the provider has one.</summary>
    public string? OrganizationHeader { get; init; }

    /// <summary>Gets the prefix organization ids have, used to spot a project id in the organization header.</summary>
    public string? OrganizationIdPrefix { get; init; }

    /// <summary>Gets the project header, if the provider has one.</summary>
    public string? ProjectHeader { get; init; }

    /// <summary>Gets the prefix project ids have.</summary>
    public string? ProjectIdPrefix { get; init; }

    /// <summary>Gets the environment variables users set for this provider's key, most common first.</summary>
    public string[] KeyEnvironmentVariables { get; init; } = [];

    /// <summary>Gets the page where users manage keys.</summary>
    public string? KeysUrl { get; init; }

    /// <summary>
    /// Gets the one shell command that tests the key alone against the provider's cheapest authenticated endpoint, ready to
    /// paste: the key is always read from its environment variable (<c>$OPENAI_API_KEY</c>), never written in. The token
    /// <c>{Host}</c> is replaced by the request's host (Azure resources). Rendered as <c>{TestCommand}</c> in remediations for
    /// <see cref="AuthFailureCause.InvalidKey"/>, <see cref="AuthFailureCause.ExpiredCredential"/> and <see cref="AuthFailureCause.Unknown"/>.
    /// </summary>
    public string? TestCommand { get; init; }

    /// <summary>Gets the provider's public status page, rendered as <c>{StatusPage}</c> for <see cref="AuthFailureCause.Unknown"/> and <see cref="AuthFailureCause.AccountDisabled"/>.</summary>
    public string? StatusPage { get; init; }

    /// <summary>Gets the response headers carrying the provider's request id, in order of preference.</summary>
    public string[] RequestIdHeaders { get; init; } = ["x-request-id", "request-id"];

    /// <summary>Gets the classification rules, tried in order before the common ones.</summary>
    public ErrorRule[] Rules { get; init; } = [];

    /// <summary>Gets remediation templates by cause; tokens: <c>{EnvVar} {KeyHint} {KeysUrl} {Organization} {Project} {Host} {Provider} {Header} {RequestId} {Detail} {TestCommand} {StatusPage}</c>; anything else in braces is left as written.</summary>
    public IReadOnlyDictionary<AuthFailureCause, string> Remediations { get; init; } = new Dictionary<AuthFailureCause, string>();

    /// <summary>Gets a value indicating whether the host belongs to this profile.</summary>
    /// <param name="host">The request host, lower or mixed case.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool Matches(string host) => ProviderEndpoint.Matches(Hosts, HostSuffixes, host);

    /// <summary>Gets a value indicating whether keys of the vendor belong to this provider.</summary>
    /// <param name="vendor">The vendor id of a key format.</param>
    /// <returns><see langword="true"/> when the provider accepts the vendor's keys.</returns>
    public bool IsOwnVendor(string vendor) => Array.IndexOf(OwnKeyVendors, vendor) >= 0;
}
