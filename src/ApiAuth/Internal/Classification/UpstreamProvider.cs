using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// The upstream provider a gateway named (<c>provider_name</c> "Anthropic", Portkey's "anthropic", LiteLLM's
/// "AnthropicException"), resolved to ApiAuth's profile for it when there is one, so the inner error is judged with that
/// provider's own codes and wording. Names are compared without case, spaces, dashes or underscores.
/// </summary>
internal sealed class UpstreamProvider
{
    /// <summary>Names gateways use → (profile id or null, display name, keys page for a provider without a profile).</summary>
    private static readonly (string[] Names, string? ProfileId, string DisplayName, string? KeysUrl)[] Known =
    [
        (["openai"], "openai", "OpenAI", null),
        (["anthropic", "claude"], "anthropic", "Anthropic", null),
        (["azure", "azureopenai", "azureai"], "azure-openai", "Azure OpenAI", null),
        (["google", "googleaistudio", "gemini", "palm"], "gemini", "Google Gemini", null),
        (["groq"], "groq", "Groq", null),
        (["mistral", "mistralai", "codestral"], "mistral", "Mistral", null),
        (["openrouter"], "openrouter", "OpenRouter", null),
        (["deepseek"], "deepseek", "DeepSeek", null),
        (["xai", "grok"], "xai", "xAI", null),
        (["together", "togetherai"], "together", "Together AI", null),
        (["fireworks", "fireworksai"], "fireworks", "Fireworks AI", null),
        (["perplexity", "perplexityai"], "perplexity", "Perplexity", null),
        (["huggingface", "hf"], "huggingface", "Hugging Face", null),
        (["bedrock", "amazonbedrock", "aws", "sagemaker"], null, "AWS (Bedrock)", "the AWS IAM console (access keys of the IAM user or role)"),
        (["vertex", "vertexai", "googlevertex", "googlevertexai"], null, "Google Vertex AI", "the Google Cloud console (the service account or ADC credentials)"),
        (["cohere", "coherechat"], null, "Cohere", "https://dashboard.cohere.com/api-keys"),
        (["cloudflare", "workersai"], null, "Cloudflare Workers AI", "https://dash.cloudflare.com/profile/api-tokens"),
    ];

    private const string UnnamedText = "the upstream provider";

    private readonly string? _keysUrl;

    private UpstreamProvider(string id, string displayName, ProviderProfile? profile, string? keysUrl)
    {
        Id = id;
        DisplayName = displayName;
        Profile = profile;
        _keysUrl = keysUrl;
    }

    /// <summary>Gets the upstream's id: the first of its known names (<c>openai</c>, <c>bedrock</c>), or <c>other</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the upstream's name as users know it.</summary>
    public string DisplayName { get; }

    /// <summary>Gets a value indicating whether the gateway named the upstream (a name ApiAuth shows, known or not).</summary>
    public bool IsNamed => !ReferenceEquals(this, Unnamed) && DisplayName != UnnamedText;

    /// <summary>Gets ApiAuth's profile for the upstream, or <see langword="null"/> when it has none.</summary>
    public ProviderProfile? Profile { get; }

    /// <summary>Gets where the upstream's keys are managed.</summary>
    public string KeysUrl => Profile?.KeysUrl ?? _keysUrl ?? "the console where " + DisplayName + " issued it";

    /// <summary>An upstream the gateway did not name.</summary>
    public static UpstreamProvider Unnamed { get; } = new("other", UnnamedText, null, null);

    /// <summary>Resolves a name a gateway gave (<c>Anthropic</c>, <c>google-ai-studio</c>, <c>AzureException</c>).</summary>
    /// <param name="name">The name as the gateway wrote it, or <see langword="null"/>.</param>
    /// <returns>The upstream; a name ApiAuth does not know is shown as written (letters, digits and a few separators only).</returns>
    public static UpstreamProvider For(string? name)
    {
        if (name is null)
        {
            return Unnamed;
        }

        string key = Normalize(name);
        if (key.Length == 0)
        {
            return Unnamed;
        }

        foreach ((string[] names, string? profileId, string displayName, string? keysUrl) in Known)
        {
            if (Array.IndexOf(names, key) >= 0)
            {
                ProviderProfile? profile = profileId is not null && ProviderRegistry.Default.TryGet(profileId, out ProviderProfile found) ? found : null;
                return new UpstreamProvider(names[0], displayName, profile, keysUrl);
            }
        }

        return new UpstreamProvider("other", Shown(name), null, null);
    }

    /// <summary>Lower case without spaces, dashes, dots or underscores: "Google AI Studio" → "googleaistudio".</summary>
    private static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 64)];
        int n = 0;
        foreach (char c in name)
        {
            if (n == buffer.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    /// <summary>A name ApiAuth does not know, as written but only with characters a provider name has.</summary>
    private static string Shown(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 25)];
        int n = 0;
        foreach (char c in name)
        {
            if (n == buffer.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.')
            {
                buffer[n++] = c;
            }
        }

        string shown = new string(buffer[..n]).Trim();
        // A name is a short word; anything longer, or shaped like a key, is not shown.
        return shown.Length is 0 or > 24 || KeyFormats.Match(shown) is not null ? UnnamedText : shown;
    }
}
