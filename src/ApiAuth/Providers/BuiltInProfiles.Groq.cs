namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>Groq (api.groq.com, OpenAI-compatible). Keys start with <c>gsk_</c>; errors are OpenAI-style (console.groq.com/docs/errors).</summary>
    public static ProviderProfile Groq { get; } = Compatible(
        ProviderEndpoints.Groq,
        "https://console.groq.com/keys",
        [
            ErrorRule.Code(AuthFailureCause.AccountDisabled, "organization_restricted"),
            ErrorRule.Message(AuthFailureCause.AccountDisabled, "Organization has been restricted"),
        ],
        new()
        {
            [AuthFailureCause.MissingKey] = "No API key reached Groq. Set {EnvVar} (a gsk_… key) in the process that runs this code and send it as 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "Groq does not recognise the key {KeyHint}: it is mistyped or was deleted. Compare it with the keys at {KeysUrl}, create a new one if needed, and update {EnvVar}.",
            [AuthFailureCause.AccountDisabled] = "The Groq organization behind the key {KeyHint} has been restricted. Check the organization at https://console.groq.com/settings and contact Groq support (support@groq.com) quoting request id {RequestId}.",
        },
        testCommand: "curl -sS https://api.groq.com/openai/v1/models -H \"Authorization: Bearer $GROQ_API_KEY\"",
        statusPage: "https://groqstatus.com");
}
