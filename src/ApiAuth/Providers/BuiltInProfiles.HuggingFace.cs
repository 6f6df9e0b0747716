namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>
    /// Hugging Face Inference Providers and the Hub (router.huggingface.co, api-inference.huggingface.co, huggingface.co).
    /// User access tokens start with <c>hf_</c> (organization tokens <c>api_org_</c>); errors are <c>{"error":"…"}</c>
    /// (huggingface.co/docs/inference-providers).
    /// </summary>
    public static ProviderProfile HuggingFace { get; } = Compatible(
        ProviderEndpoints.HuggingFace,
        "https://huggingface.co/settings/tokens",
        [
            ErrorRule.NotAuthMessage("exceeded your monthly included credits", "pre-paid credits"),
            ErrorRule.Message(AuthFailureCause.InsufficientPermissions, "does not have sufficient permissions to call Inference Providers"),
            ErrorRule.Message(AuthFailureCause.InvalidKey, "Invalid credentials in Authorization header", "Invalid username or password"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No token reached Hugging Face. Set {EnvVar} (an hf_… user access token) in the process that runs this code and send it as 'Authorization: Bearer <token>'.",
            [AuthFailureCause.InvalidKey] = "Hugging Face does not recognise the token {KeyHint}: it is mistyped, deleted or revoked. Compare it with {KeysUrl}, create a new one if needed, and update {EnvVar}.",
            [AuthFailureCause.InsufficientPermissions] = "The token {KeyHint} is valid but lacks the permission this call needs. For Inference Providers, edit the token at {KeysUrl} and tick 'Make calls to Inference Providers' (fine-grained tokens), or use a token with that scope.",
        },
        ownVendors: ["huggingface"],
        testCommand: "curl -sS https://huggingface.co/api/whoami-v2 -H \"Authorization: Bearer $HF_TOKEN\"",
        statusPage: "https://status.huggingface.co");
}
