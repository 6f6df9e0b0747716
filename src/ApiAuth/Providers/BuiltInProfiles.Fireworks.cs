namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>Fireworks AI (api.fireworks.ai/inference/v1, OpenAI-compatible). Keys start with <c>fw_</c>; errors are OpenAI-style, formerly Apigee faults (docs.fireworks.ai/troubleshooting/status_error_codes).</summary>
    public static ProviderProfile Fireworks { get; } = Compatible(
        ProviderEndpoints.Fireworks,
        "https://fireworks.ai/account/api-keys",
        [
            ErrorRule.NotAuthMessage("Model not found", "not deployed"),
            ErrorRule.Message(AuthFailureCause.InvalidKey, "The API key you provided is invalid", "Invalid ApiKey"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached Fireworks AI. Set {EnvVar} in the process that runs this code and send it as 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "Fireworks AI does not recognise the key {KeyHint}. Compare it with the keys at {KeysUrl}, create a new one if needed, and update {EnvVar}.",
        },
        testCommand: "curl -sS https://api.fireworks.ai/inference/v1/models -H \"Authorization: Bearer $FIREWORKS_API_KEY\"",
        statusPage: "https://status.fireworks.ai");
}
