namespace ApiAuth.Cli.Doctor;

/// <summary>
/// How a developer configures one provider on a machine. What ApiAuth knows about the provider (name, key variables,
/// keys page, key formats) comes from the library's catalog, <see cref="ApiAuthProviderInfo"/>; this type adds only what
/// the library does not have: the base URL variable and default the SDKs use, the probe's kind, the variable the SDK
/// prefers when several are set, and how to point at a key that has no published format (Azure).
/// </summary>
internal sealed class ProviderSetup
{
    private ProviderSetup(string id)
    {
        Info = ApiAuthProviderInfo.Find(id) ?? throw new InvalidOperationException($"The library's catalog has no provider '{id}'.");
    }

    /// <summary>Gets the library's facts about the provider.</summary>
    public ApiAuthProviderInfo Info { get; }

    public string Id => Info.Id;

    public string Name => Info.DisplayName;

    /// <summary>
    /// Gets the key variables in the order the SDK prefers them (the first one set wins): the catalog's variables, with
    /// <see cref="SdkPreferredKeyVariable"/> first when the SDK reads another one before the most common.
    /// </summary>
    public IReadOnlyList<string> KeyVariables =>
        SdkPreferredKeyVariable is { } first ? [first, .. Info.KeyEnvironmentVariables.Where(v => v != first)] : Info.KeyEnvironmentVariables;

    /// <summary>Gets the variable the official SDK reads first when several of the catalog's are set, if not the catalog's first.</summary>
    public string? SdkPreferredKeyVariable { get; private init; }

    public required string BaseUrlVariable { get; init; }

    /// <summary>Gets the default base URL, or <see langword="null"/> when the user must supply one (Azure).</summary>
    public Uri? DefaultBaseUrl { get; init; }

    public required BaseUrlKind Kind { get; init; }

    /// <summary>Gets the keys page from the catalog, with where to click on it when the page is a portal.</summary>
    public string KeysUrl => Info.KeysUrl + KeysPageHint;

    /// <summary>Gets what a key looks like, for the "set this" text (never a real key): the catalog's first unmistakable prefix.</summary>
    public string KeyExample =>
        Info.KeyFormats.FirstOrDefault(f => f.Unmistakable && f.Vendor == Id) is { Prefix: { } prefix } ? prefix + "…" : KeyWithoutFormat ?? "<key>";

    /// <summary>Gets a value indicating whether the provider's keys have a published format that proves the vendor.</summary>
    public bool HasKeyFormat => Info.KeyFormats.Any(f => f.Unmistakable && f.Vendor == Id);

    /// <summary>Gets a value indicating whether the host is one of the provider's, by the library's own host detection.</summary>
    /// <param name="host">A host name.</param>
    /// <returns><see langword="true"/> when ApiAuth would pick this provider for the host.</returns>
    public bool Serves(string host) =>
        Uri.TryCreate("https://" + host, UriKind.Absolute, out Uri? uri) && string.Equals(ApiAuthDiagnostics.DetectProvider(uri), Id, StringComparison.Ordinal);

    /// <summary>Gets what to call a key of a provider whose keys have no published format.</summary>
    private string? KeyWithoutFormat { get; init; }

    private string KeysPageHint { get; init; } = string.Empty;

    public static ProviderSetup OpenAI { get; } = new("openai")
    {
        BaseUrlVariable = "OPENAI_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.openai.com/v1"),
        Kind = BaseUrlKind.OpenAI,
    };

    public static ProviderSetup AzureOpenAI { get; } = new("azure-openai")
    {
        BaseUrlVariable = "AZURE_OPENAI_ENDPOINT",
        DefaultBaseUrl = null,
        Kind = BaseUrlKind.Azure,
        KeysPageHint = " (your resource > Keys and Endpoint)",
        KeyWithoutFormat = "<Key 1 of the resource>",
    };

    public static ProviderSetup Anthropic { get; } = new("anthropic")
    {
        BaseUrlVariable = "ANTHROPIC_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.anthropic.com"),
        Kind = BaseUrlKind.Anthropic,
    };

    /// <summary>Gemini: the Google Gen AI SDKs read <c>GOOGLE_API_KEY</c> first when both are set.</summary>
    public static ProviderSetup Gemini { get; } = new("gemini")
    {
        SdkPreferredKeyVariable = "GOOGLE_API_KEY",
        BaseUrlVariable = "GOOGLE_GEMINI_BASE_URL",
        DefaultBaseUrl = new Uri("https://generativelanguage.googleapis.com"),
        Kind = BaseUrlKind.Gemini,
    };

    public static IReadOnlyList<ProviderSetup> All { get; } = [OpenAI, AzureOpenAI, Anthropic, Gemini];

    /// <summary>Gets the ids of the providers the doctor checks.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(p => p.Id)];

    /// <summary>Gets OpenAI's organization and project variables (the SDKs' names; the library has no variable for them).</summary>
    public static IReadOnlyList<string> OpenAIAccountVariables { get; } = ["OPENAI_ORG_ID", "OPENAI_ORGANIZATION", "OPENAI_PROJECT_ID"];

    /// <summary>Gets the key variables of every provider, mapped to the provider whose key they hold.</summary>
    public static IReadOnlyDictionary<string, ProviderSetup> ByKeyVariable { get; } =
        All.SelectMany(p => p.KeyVariables.Select(v => (v, p))).ToDictionary(x => x.v, x => x.p, StringComparer.Ordinal);

    /// <summary>Gets every credential-related variable the doctor reads, for the .env comparison.</summary>
    public static IReadOnlyList<string> AllVariables { get; } =
        [.. All.SelectMany(p => (string[])[.. p.KeyVariables, p.BaseUrlVariable, .. p == OpenAI ? OpenAIAccountVariables : []])];

    /// <summary>Gets the provider a variable configures (its key, base URL, or OpenAI organization/project), if any.</summary>
    public static ProviderSetup? ForVariable(string name)
    {
        if (ByKeyVariable.TryGetValue(name, out ProviderSetup? byKey))
        {
            return byKey;
        }

        if (ForBaseUrlVariable(name) is { } byBaseUrl)
        {
            return byBaseUrl;
        }

        return OpenAIAccountVariables.Contains(name) ? OpenAI : null;
    }

    /// <summary>Gets the provider whose base URL <paramref name="name"/> holds, if it is a base URL variable.</summary>
    public static ProviderSetup? ForBaseUrlVariable(string name) => All.FirstOrDefault(p => p.BaseUrlVariable == name);

    /// <summary>Gets the doctor's provider for a key vendor id (<see cref="KeyCheck.Vendor"/>), if the doctor checks that provider.</summary>
    public static ProviderSetup? ForVendor(string? vendor) => vendor is null ? null : Find(vendor);

    public static ProviderSetup? Find(string id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
