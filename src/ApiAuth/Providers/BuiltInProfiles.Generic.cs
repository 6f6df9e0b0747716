namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>
    /// Key vendors an unknown or OpenAI-compatible endpoint may legitimately accept (gateways and relays forward
    /// them); only keys of services that are not AI APIs (GitHub, Stripe, Slack, AWS) are refused there.
    /// </summary>
    private static string[] AiVendors => ["openai", "anthropic", "openrouter", "gemini", "groq", "xai", "perplexity", "huggingface", "replicate", "fireworks", "azure-openai", "mistral", "deepseek", "together", "nvidia"];

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
        TestCommand = "curl -sS \"$OPENAI_BASE_URL/models\" -H \"Authorization: Bearer $OPENAI_API_KEY\"",
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
        Remediations = GenericRemediations,
    };

    /// <summary>Texts for a service ApiAuth knows nothing about: they name the host, never a dashboard it cannot know.</summary>
    private static Dictionary<AuthFailureCause, string> GenericRemediations => new()
    {
        [AuthFailureCause.InvalidKey] = "{Host} does not accept the key {KeyHint}: it is mistyped, revoked or disabled, or it is a key for another service. Check it against the keys the service at {Host} issued (for a relay or proxy: its admin UI) and update the variable your client reads.",
        [AuthFailureCause.ExpiredCredential] = "The credential {KeyHint} has expired at {Host}. Create or refresh it where it was issued and update the variable your client reads; for tokens, let the client fetch a new one before expiry.",
        [AuthFailureCause.AccountDisabled] = "{Host} says the account or organization behind the key {KeyHint} is disabled or banned. Check its status where the key was issued, or contact the service's operator quoting request id {RequestId}.",
        [AuthFailureCause.InsufficientPermissions] = "{Host} accepted the credential {KeyHint} but does not allow it this operation (model, scope, IP address or role). Grant the key the access it needs where it was issued, or use a key that has it.",
        [AuthFailureCause.Unknown] = "{Host} refused the credential without saying why. Check that the key {KeyHint} was issued for {Host}, that the base address is right, and that nothing in between (a proxy or gateway) needs a credential of its own. Request id: {RequestId}.",
    };
}
