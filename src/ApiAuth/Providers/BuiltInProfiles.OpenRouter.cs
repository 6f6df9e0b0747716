namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>OpenRouter (openrouter.ai/api/v1, OpenAI-compatible). Keys start with <c>sk-or-v1-</c>; errors are <c>{"error":{"message","code":401}}</c> (openrouter.ai/docs/api-reference/errors).</summary>
    public static ProviderProfile OpenRouter { get; } = Compatible(
        ProviderEndpoints.OpenRouter,
        "https://openrouter.ai/settings/keys",
        [
            ErrorRule.NotAuthMessage("Insufficient credits", "requires more credits"),
            ErrorRule.Message(AuthFailureCause.MissingKey, "No auth credentials found", "No cookie auth credentials found"),

            // OpenRouter's answer to a deleted key is a 401; "User not found" at 400 can be about a request's user field.
            ErrorRule.Hint(AuthFailureCause.InvalidKey, "User not found"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached OpenRouter. Set {EnvVar} (an sk-or-v1-… key) in the process that runs this code and send it as 'Authorization: Bearer <key>'; an empty variable makes clients send no header at all.",
            [AuthFailureCause.InvalidKey] = "OpenRouter does not recognise the key {KeyHint} ('User not found' means the key was deleted or disabled, or belongs to no account). Compare it with {KeysUrl}, create a new key if needed, and update {EnvVar}.",
        },
        testCommand: "curl -sS https://openrouter.ai/api/v1/key -H \"Authorization: Bearer $OPENROUTER_API_KEY\"",
        statusPage: "https://status.openrouter.ai");
}
