namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>Mistral AI (api.mistral.ai, OpenAI-compatible). Keys have no prefix; a bad key gets a bare <c>{"message":"Unauthorized","request_id"}</c> (docs.mistral.ai).</summary>
    public static ProviderProfile Mistral { get; } = Compatible(
        ProviderEndpoints.Mistral,
        "https://console.mistral.ai/api-keys",
        [],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached Mistral. Set {EnvVar} in the process that runs this code and send it as 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "Mistral does not recognise the key {KeyHint}. Compare it with the keys at {KeysUrl} (new keys can take a few minutes to activate; Codestral keys only work on codestral.mistral.ai) and update {EnvVar}.",
            [AuthFailureCause.Unknown] = "Mistral answered 'Unauthorized' without a reason: the key {KeyHint} is wrong, deleted, not yet active (new keys take a few minutes), or a Codestral key used on api.mistral.ai. Check it at {KeysUrl} and update {EnvVar}. Request id: {RequestId}.",
        },
        testCommand: "curl -sS https://api.mistral.ai/v1/models -H \"Authorization: Bearer $MISTRAL_API_KEY\"",
        statusPage: "https://status.mistral.ai");
}
