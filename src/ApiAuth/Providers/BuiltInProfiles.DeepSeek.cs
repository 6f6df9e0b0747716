namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>DeepSeek (api.deepseek.com, OpenAI-compatible). Keys are <c>sk-</c> plus 32 hex characters; a bad key gets "Authentication Fails" echoing its last 4 characters (api-docs.deepseek.com/quick_start/error_codes).</summary>
    public static ProviderProfile DeepSeek { get; } = Compatible(
        ProviderEndpoints.DeepSeek,
        "https://platform.deepseek.com/api_keys",
        [
            ErrorRule.NotAuthMessage("Insufficient Balance"),
            ErrorRule.Message(AuthFailureCause.InvalidKey, "Authentication Fails"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached DeepSeek. Set {EnvVar} in the process that runs this code and send it as 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "DeepSeek does not recognise the key {KeyHint} ('Authentication Fails'). Compare its last 4 characters with the keys at {KeysUrl}, create a new one if it is not listed, and update {EnvVar}.",
        },
        ownVendors: ["deepseek"],
        testCommand: "curl -sS https://api.deepseek.com/models -H \"Authorization: Bearer $DEEPSEEK_API_KEY\"",
        statusPage: "https://status.deepseek.com");
}
