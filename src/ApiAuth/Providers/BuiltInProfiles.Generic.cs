namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>
    /// Key vendors an unknown or OpenAI-compatible endpoint may legitimately accept (gateways and relays forward
    /// them); only keys of services that are not AI APIs (GitHub, Stripe, Slack, AWS) are refused there.
    /// </summary>
    private static string[] AiVendors => ["openai", "anthropic", "openrouter", "gemini", "groq", "xai", "perplexity", "huggingface", "replicate", "fireworks", "azure-openai", "mistral", "deepseek", "together"];

    /// <summary>
    /// Any OpenAI-compatible service the user names with <c>Provider = "openai-compatible"</c>:
    /// Bearer keys, OpenAI-style error bodies, header repairs, no assumptions about key formats.
    /// </summary>
    public static ProviderProfile OpenAICompatible { get; } = new()
    {
        Id = "openai-compatible",
        DisplayName = "OpenAI-compatible service",
        KeyHeader = "Authorization",
        KeyScheme = "Bearer",
        MisplacedKeyHeaders = ["api-key", "x-api-key"],
        KeyRequired = false,
        StrictPlaceholders = false,
        OwnKeyVendors = AiVendors,
        KeyEnvironmentVariables = ["OPENAI_API_KEY"],
        RequestIdHeaders = ["x-request-id", "request-id", "x-litellm-call-id"],
        Rules = OpenAIRules,
    };

    /// <summary>
    /// Hosts no profile claims (self-hosted gateways, relays, loopback). Only the checks that cannot
    /// misfire: sanitizing, unexpanded placeholders, plain http to a remote host, another vendor's unmistakable key.
    /// Headers are not moved: an unknown service may read any of them.
    /// </summary>
    public static ProviderProfile Generic { get; } = new()
    {
        Id = GenericId,
        DisplayName = "the service",
        KeyHeader = "Authorization",
        KeyScheme = "Bearer",
        KeyRequired = false,
        StrictPlaceholders = false,
        RepairsHeaders = false,
        OwnKeyVendors = AiVendors,
        RequestIdHeaders = ["x-request-id", "request-id", "x-ms-request-id", "apim-request-id"],
    };
}
