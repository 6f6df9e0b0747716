namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>Perplexity (api.perplexity.ai, OpenAI-compatible). Keys start with <c>pplx-</c>; a bad key gets the openresty "401 Authorization Required" page (docs.perplexity.ai).</summary>
    public static ProviderProfile Perplexity { get; } = Compatible(
        ProviderEndpoints.Perplexity,
        "https://www.perplexity.ai/settings/api",
        [
            ErrorRule.NotAuthCode("invalid_model"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached Perplexity. Set {EnvVar} (a pplx-… key) in the process that runs this code and send it as 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "Perplexity does not recognise the key {KeyHint}. Compare it with the keys at {KeysUrl}, create a new one if needed, and update {EnvVar}.",
            [AuthFailureCause.Unknown] = "Perplexity answered its generic '401 Authorization Required' page: the key {KeyHint} is wrong, revoked, or the account has no API credit. Check the key and the credit balance at {KeysUrl}, then update {EnvVar}. Request id: {RequestId}.",
        },
        testCommand: "curl -sS https://api.perplexity.ai/router/v1/models -H \"Authorization: Bearer $PERPLEXITY_API_KEY\"",
        statusPage: "https://status.perplexity.com");
}
