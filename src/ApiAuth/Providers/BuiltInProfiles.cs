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

    /// <summary>
    /// Gets a value indicating whether the profile is not one of the named providers ApiAuth knows the error wording of:
    /// the generic and OpenAI-compatible profiles (unknown hosts, relays, gateways, self-hosted servers) and custom
    /// profiles. There, shared unambiguous auth phrases (<see cref="EvidenceScope.UnprofiledService"/>) are evidence at
    /// 400/403; a named provider's 400/403 is judged by its own codes and wording only.
    /// </summary>
    /// <param name="profile">The profile.</param>
    /// <returns><see langword="true"/> for a service without a profile of its own.</returns>
    public static bool IsUnprofiledService(ProviderProfile profile)
    {
        if (ReferenceEquals(profile, Generic) || ReferenceEquals(profile, OpenAICompatible))
        {
            return true;
        }

        return Array.IndexOf(All, profile) < 0;
    }

    /// <summary>A hosted OpenAI-compatible vendor: Bearer keys, OpenAI-style error bodies, its own key format and wording.</summary>
    private static ProviderProfile Compatible(
        ProviderEndpoint endpoint,
        string keysUrl,
        ErrorRule[] rules,
        Dictionary<AuthFailureCause, string> remediations,
        string[]? ownVendors = null,
        string[]? requestIdHeaders = null,
        string? testCommand = null,
        string? statusPage = null) => new()
        {
            Id = endpoint.Id,
            DisplayName = endpoint.DisplayName,
            Hosts = endpoint.Hosts,
            HostSuffixes = endpoint.HostSuffixes,
            KeyHeader = endpoint.KeyHeader,
            KeyScheme = endpoint.KeyScheme,
            AlternativeKeyPlacements = endpoint.AlternativeKeyPlacements,
            MisplacedKeyHeaders = ["api-key", "x-api-key"],
            KeyRequired = true,
            StrictPlaceholders = true,
            OwnKeyVendors = ownVendors ?? [endpoint.Id],
            KeyEnvironmentVariables = endpoint.KeyEnvironmentVariables,
            KeysUrl = keysUrl,
            RequestIdHeaders = requestIdHeaders ?? ["x-request-id", "request-id"],
            Rules = [.. rules, .. CompatibleRules],
            Remediations = remediations,
            TestCommand = testCommand,
            StatusPage = statusPage,
        };

    /// <summary>OpenAI-style wording the compatible vendors copied (after each vendor's own rules).</summary>
    private static ErrorRule[] CompatibleRules =>
    [
        ErrorRule.NotAuthCode("insufficient_quota", "rate_limit_exceeded", "model_not_found", "context_length_exceeded", "invalid_model", "credit_limit"),
        ErrorRule.Code(AuthFailureCause.InvalidKey, "invalid_api_key"),
        ErrorRule.Message(AuthFailureCause.MissingKey, "You didn't provide an API key", "You did not provide an API key"),
    ];
}
