namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>xAI (api.x.ai, OpenAI-compatible). Keys start with <c>xai-</c>; a bad key is a 400 <c>{"code","error":"Incorrect API key provided: xa***yz…"}</c> echoing the key's first and last 2 characters (docs.x.ai).</summary>
    public static ProviderProfile XAI { get; } = Compatible(
        ProviderEndpoints.XAI,
        "https://console.x.ai",
        [
            ErrorRule.NotAuthMessage("does not have permission to use model", "used all available credits", "spending limit"),
            ErrorRule.Message(AuthFailureCause.InvalidKey, "Incorrect API key provided"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached xAI. Set {EnvVar} (an xai-… key) in the process that runs this code and send it as 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "xAI does not recognise the key {KeyHint}. Compare it with the keys of your team at {KeysUrl} (API Keys), create a new one if needed, and update {EnvVar}.",
        },
        testCommand: "curl -sS https://api.x.ai/v1/models -H \"Authorization: Bearer $XAI_API_KEY\"",
        statusPage: "https://status.x.ai");
}
