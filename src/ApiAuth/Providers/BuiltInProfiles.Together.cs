namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>Together AI (api.together.xyz / api.together.ai, OpenAI-compatible); OpenAI-style errors (docs.together.ai/docs/error-codes).</summary>
    public static ProviderProfile Together { get; } = Compatible(
        ProviderEndpoints.Together,
        "https://api.together.ai/settings/api-keys",
        [
            ErrorRule.NotAuthMessage("Credit limit exceeded", "rate limited"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached Together AI. Set {EnvVar} in the process that runs this code and send it as 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "Together AI does not recognise the key {KeyHint}. Compare it with the keys at {KeysUrl}, create a new one if needed, and update {EnvVar}.",
        },
        testCommand: "curl -sS https://api.together.xyz/v1/models -H \"Authorization: Bearer $TOGETHER_API_KEY\"",
        statusPage: "https://status.together.ai");
}
