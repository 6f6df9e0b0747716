namespace ApiAuth.Cli.Doctor;

/// <summary>
/// How a developer configures one provider on a machine: the variables the official SDKs read, the default base URL,
/// where keys are created, and the cheap authenticated call the probe makes. Data, one entry per provider.
/// </summary>
internal sealed class ProviderSetup
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Gets the key variables in the order the SDK prefers them (the first one set wins).</summary>
    public required IReadOnlyList<string> KeyVariables { get; init; }

    public required string BaseUrlVariable { get; init; }

    /// <summary>Gets the default base URL, or <see langword="null"/> when the user must supply one (Azure).</summary>
    public Uri? DefaultBaseUrl { get; init; }

    public required BaseUrlKind Kind { get; init; }

    public required string KeysUrl { get; init; }

    /// <summary>Gets what a key looks like, for the "set this" text (never a real key).</summary>
    public required string KeyExample { get; init; }

    public static ProviderSetup OpenAI { get; } = new()
    {
        Id = "openai",
        Name = "OpenAI",
        KeyVariables = ["OPENAI_API_KEY"],
        BaseUrlVariable = "OPENAI_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.openai.com/v1"),
        Kind = BaseUrlKind.OpenAI,
        KeysUrl = "https://platform.openai.com/api-keys",
        KeyExample = "sk-proj-…",
    };

    public static ProviderSetup AzureOpenAI { get; } = new()
    {
        Id = "azure-openai",
        Name = "Azure OpenAI",
        KeyVariables = ["AZURE_OPENAI_API_KEY"],
        BaseUrlVariable = "AZURE_OPENAI_ENDPOINT",
        DefaultBaseUrl = null,
        Kind = BaseUrlKind.Azure,
        KeysUrl = "https://portal.azure.com (your resource > Keys and Endpoint)",
        KeyExample = "<Key 1 of the resource>",
    };

    public static ProviderSetup Anthropic { get; } = new()
    {
        Id = "anthropic",
        Name = "Anthropic",
        KeyVariables = ["ANTHROPIC_API_KEY"],
        BaseUrlVariable = "ANTHROPIC_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.anthropic.com"),
        Kind = BaseUrlKind.Anthropic,
        KeysUrl = "https://console.anthropic.com/settings/keys",
        KeyExample = "sk-ant-api03-…",
    };

    /// <summary>Gemini: the Google Gen AI SDKs read <c>GOOGLE_API_KEY</c> first when both are set.</summary>
    public static ProviderSetup Gemini { get; } = new()
    {
        Id = "gemini",
        Name = "Gemini",
        KeyVariables = ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
        BaseUrlVariable = "GOOGLE_GEMINI_BASE_URL",
        DefaultBaseUrl = new Uri("https://generativelanguage.googleapis.com"),
        Kind = BaseUrlKind.Gemini,
        KeysUrl = "https://aistudio.google.com/apikey",
        KeyExample = "AIza…",
    };

    public static IReadOnlyList<ProviderSetup> All { get; } = [OpenAI, AzureOpenAI, Anthropic, Gemini];

    /// <summary>Gets every credential-related variable the doctor reads, for the .env comparison.</summary>
    public static IReadOnlyList<string> AllVariables { get; } =
    [
        "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_ORGANIZATION", "OPENAI_PROJECT_ID",
        "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT",
        "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
        "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL",
    ];

    /// <summary>Gets the key variables of every provider, mapped to the provider whose key they hold.</summary>
    public static IReadOnlyDictionary<string, ProviderSetup> ByKeyVariable { get; } =
        All.SelectMany(p => p.KeyVariables.Select(v => (v, p))).ToDictionary(x => x.v, x => x.p, StringComparer.Ordinal);

    /// <summary>Gets the provider a variable configures (its key, base URL, or OpenAI organization/project), if any.</summary>
    public static ProviderSetup? ForVariable(string name)
    {
        if (ByKeyVariable.TryGetValue(name, out ProviderSetup? byKey))
        {
            return byKey;
        }

        if (All.FirstOrDefault(p => p.BaseUrlVariable == name) is { } byBaseUrl)
        {
            return byBaseUrl;
        }

        return name is "OPENAI_ORG_ID" or "OPENAI_ORGANIZATION" or "OPENAI_PROJECT_ID" ? OpenAI : null;
    }

    /// <summary>Gets the provider whose base URL <paramref name="name"/> holds, if it is a base URL variable.</summary>
    public static ProviderSetup? ForBaseUrlVariable(string name) => All.FirstOrDefault(p => p.BaseUrlVariable == name);

    /// <summary>Gets the doctor's provider for a key vendor name from <see cref="KeyCheck.VendorName"/> or a secret finding.</summary>
    public static ProviderSetup? ForVendorName(string? vendorName) => vendorName switch
    {
        "OpenAI" => OpenAI,
        "Anthropic" => Anthropic,
        "Google" or "Gemini" or "Google AI" => Gemini,
        "Azure OpenAI" => AzureOpenAI,
        _ => null,
    };

    public static ProviderSetup? Find(string id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
