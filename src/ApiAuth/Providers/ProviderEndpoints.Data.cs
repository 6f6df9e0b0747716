namespace ApiAuth.Providers;

/// <summary>
/// The hosts, key placements and key variables of every built-in provider that answers on known hosts, as data. The
/// profiles (<c>BuiltInProfiles.*.cs</c>) read their <c>Hosts</c>, <c>HostSuffixes</c>, key header and scheme, alternative
/// placements and environment variables from here. Compiles under netstandard2.0 with C# latest so the analyzer project
/// links it (with <c>ProviderEndpoint.cs</c> and <c>KeyPlacement.cs</c>) instead of keeping a copy.
/// </summary>
internal static class ProviderEndpoints
{
    private static readonly KeyPlacement Bearer = new("Authorization", "Bearer");

    /// <summary>Gets OpenAI.</summary>
    public static ProviderEndpoint OpenAI { get; } = new("openai", "OpenAI", ["api.openai.com"], [], [Bearer], ["OPENAI_API_KEY"]);

    /// <summary>Gets Azure OpenAI and Azure AI Foundry: a bare key in <c>api-key</c>, Entra ID tokens as Bearer.</summary>
    public static ProviderEndpoint AzureOpenAI { get; } = new(
        "azure-openai",
        "Azure OpenAI",
        [],
        [".openai.azure.com", ".services.ai.azure.com", ".cognitiveservices.azure.com"],
        [new KeyPlacement("api-key", null), Bearer],
        ["AZURE_OPENAI_API_KEY"]);

    /// <summary>Gets Anthropic: a bare key in <c>x-api-key</c>, OAuth tokens as Bearer.</summary>
    public static ProviderEndpoint Anthropic { get; } = new("anthropic", "Anthropic", ["api.anthropic.com"], [], [new KeyPlacement("x-api-key", null), Bearer], ["ANTHROPIC_API_KEY"]);

    /// <summary>Gets Google Gemini: a bare key in <c>x-goog-api-key</c> (or <c>?key=</c>), Bearer on the OpenAI-compatible endpoint.</summary>
    public static ProviderEndpoint Gemini { get; } = new(
        "gemini",
        "Google Gemini",
        ["generativelanguage.googleapis.com"],
        [],
        [new KeyPlacement("x-goog-api-key", null), Bearer],
        ["GEMINI_API_KEY", "GOOGLE_API_KEY"]);

    /// <summary>Gets Groq.</summary>
    public static ProviderEndpoint Groq { get; } = new("groq", "Groq", ["api.groq.com"], [], [Bearer], ["GROQ_API_KEY"]);

    /// <summary>Gets Mistral AI.</summary>
    public static ProviderEndpoint Mistral { get; } = new("mistral", "Mistral AI", ["api.mistral.ai", "codestral.mistral.ai"], [], [Bearer], ["MISTRAL_API_KEY"]);

    /// <summary>Gets OpenRouter.</summary>
    public static ProviderEndpoint OpenRouter { get; } = new("openrouter", "OpenRouter", ["openrouter.ai"], [], [Bearer], ["OPENROUTER_API_KEY"]);

    /// <summary>Gets DeepSeek.</summary>
    public static ProviderEndpoint DeepSeek { get; } = new("deepseek", "DeepSeek", ["api.deepseek.com"], [], [Bearer], ["DEEPSEEK_API_KEY"]);

    /// <summary>Gets xAI.</summary>
    public static ProviderEndpoint XAI { get; } = new("xai", "xAI", ["api.x.ai"], [], [Bearer], ["XAI_API_KEY"]);

    /// <summary>Gets Together AI.</summary>
    public static ProviderEndpoint Together { get; } = new("together", "Together AI", ["api.together.xyz", "api.together.ai"], [], [Bearer], ["TOGETHER_API_KEY"]);

    /// <summary>Gets Fireworks AI.</summary>
    public static ProviderEndpoint Fireworks { get; } = new("fireworks", "Fireworks AI", ["api.fireworks.ai"], [], [Bearer], ["FIREWORKS_API_KEY"]);

    /// <summary>Gets Perplexity.</summary>
    public static ProviderEndpoint Perplexity { get; } = new("perplexity", "Perplexity", ["api.perplexity.ai"], [], [Bearer], ["PERPLEXITY_API_KEY", "PPLX_API_KEY"]);

    /// <summary>Gets Hugging Face.</summary>
    public static ProviderEndpoint HuggingFace { get; } = new(
        "huggingface",
        "Hugging Face",
        ["router.huggingface.co", "api-inference.huggingface.co", "huggingface.co"],
        [],
        [Bearer],
        ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACEHUB_API_TOKEN"]);

    /// <summary>Creates the list of every endpoint, in the order host detection tries the profiles.</summary>
    /// <returns>A new array.</returns>
    public static ProviderEndpoint[] Published() =>
        [OpenAI, AzureOpenAI, Anthropic, Gemini, Groq, Mistral, OpenRouter, DeepSeek, XAI, Together, Fireworks, Perplexity, HuggingFace];
}
