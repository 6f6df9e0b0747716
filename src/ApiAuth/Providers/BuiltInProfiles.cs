namespace ApiAuth.Providers;

/// <summary>
/// The provider profiles that ship with ApiAuth. Each provider lives in its own partial file as data.
/// </summary>
internal static partial class BuiltInProfiles
{
    /// <summary>The id of the profile used for hosts no profile claims.</summary>
    public const string GenericId = "generic";

    private static ProviderProfile[]? s_all;

    /// <summary>Gets every built-in profile; host detection tries them in this order.</summary>
    /// <remarks>Created on first use so the partial files' initializers have all run.</remarks>
    public static ProviderProfile[] All => s_all ??=
    [
        OpenAI, AzureOpenAI, Anthropic, Gemini,
        Groq, Mistral, OpenRouter, DeepSeek, XAI, Together, Fireworks, Perplexity, HuggingFace,
        OpenAICompatible, Generic,
    ];

    /// <summary>A hosted OpenAI-compatible vendor: Bearer keys, OpenAI-style error bodies, its own key format and wording.</summary>
    private static ProviderProfile Compatible(
        string id,
        string displayName,
        string[] hosts,
        string[] envVars,
        string keysUrl,
        ErrorRule[] rules,
        Dictionary<AuthFailureCause, string> remediations,
        string[]? ownVendors = null,
        string[]? requestIdHeaders = null) => new()
        {
            Id = id,
            DisplayName = displayName,
            Hosts = hosts,
            KeyHeader = "Authorization",
            KeyScheme = "Bearer",
            MisplacedKeyHeaders = ["api-key", "x-api-key"],
            KeyRequired = true,
            StrictPlaceholders = true,
            OwnKeyVendors = ownVendors ?? [id],
            KeyEnvironmentVariables = envVars,
            KeysUrl = keysUrl,
            RequestIdHeaders = requestIdHeaders ?? ["x-request-id", "request-id"],
            Rules = [.. rules, .. CompatibleRules],
            Remediations = remediations,
        };

    /// <summary>OpenAI-style wording the compatible vendors copied (after each vendor's own rules).</summary>
    private static ErrorRule[] CompatibleRules =>
    [
        ErrorRule.NotAuthCode("insufficient_quota", "rate_limit_exceeded", "model_not_found", "context_length_exceeded", "invalid_model", "credit_limit"),
        ErrorRule.Code(AuthFailureCause.InvalidKey, "invalid_api_key"),
        ErrorRule.Message(AuthFailureCause.MissingKey, "You didn't provide an API key", "You did not provide an API key"),
    ];
}
