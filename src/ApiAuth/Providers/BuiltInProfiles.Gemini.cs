namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>
    /// Google Gemini API (generativelanguage.googleapis.com). Keys go bare in <c>x-goog-api-key</c> or <c>?key=</c>;
    /// the OpenAI-compatible endpoint (<c>/v1beta/openai/</c>) reads <c>Authorization: Bearer</c>. Failure bodies are
    /// <c>{"error":{"code","message","status","details":[{"reason"}]}}</c> (google.rpc.Status, also array-wrapped);
    /// a bad or expired key is a 400 <c>API_KEY_INVALID</c>, a missing key a 403 (ai.google.dev/gemini-api/docs/troubleshooting).
    /// </summary>
    public static ProviderProfile Gemini { get; } = new()
    {
        Id = ProviderEndpoints.Gemini.Id,
        DisplayName = ProviderEndpoints.Gemini.DisplayName,
        Hosts = ProviderEndpoints.Gemini.Hosts,
        KeyHeader = ProviderEndpoints.Gemini.KeyHeader,
        KeyScheme = ProviderEndpoints.Gemini.KeyScheme,
        KeyQueryParameter = "key",
        AlternativeKeyPlacements = ProviderEndpoints.Gemini.AlternativeKeyPlacements,
        MisplacedKeyHeaders = ["api-key", "x-api-key"],
        KeyRequired = true,
        StrictPlaceholders = true,
        OwnKeyVendors = ["gemini"],
        KeyEnvironmentVariables = ProviderEndpoints.Gemini.KeyEnvironmentVariables,
        KeysUrl = "https://aistudio.google.com/apikey",
        TestCommand = "curl -sS https://generativelanguage.googleapis.com/v1beta/models -H \"x-goog-api-key: $GEMINI_API_KEY\"",
        StatusPage = "https://aistudio.google.com/status",
        RequestIdHeaders = ["x-request-id", "x-goog-request-id"],
        Rules = GoogleRules,
        Remediations = new Dictionary<AuthFailureCause, string>
        {
            [AuthFailureCause.MissingKey] = "No API key reached Gemini (Google answers 'unregistered callers'). Set {EnvVar} in the process that runs this code and send it in 'x-goog-api-key' (or ?key=); the Google Gen AI SDK reads GEMINI_API_KEY or GOOGLE_API_KEY.",
            [AuthFailureCause.InvalidKey] = "Google does not recognise the key {KeyHint} (API_KEY_INVALID): it is mistyped or was deleted. Compare it with the keys at {KeysUrl}, create a new one if it is not listed, and update {EnvVar}.",
            [AuthFailureCause.ExpiredCredential] = "The Gemini API key {KeyHint} has expired. Create a new key at {KeysUrl} and update {EnvVar}.",
            [AuthFailureCause.AccountDisabled] = "The Google Cloud project or key {KeyHint} has been suspended (CONSUMER_SUSPENDED), often after the key leaked. Check the project in the Google Cloud console, create a new key at {KeysUrl}, and update {EnvVar}.",
            [AuthFailureCause.InsufficientPermissions] = "The key {KeyHint} may not call this API: the Generative Language API is disabled in the key's project, or the key has API, referrer or IP restrictions that exclude this call. Enable the API (the message links to the page) or relax the key's restrictions in the Google Cloud console (APIs & Services > Credentials).",
            [AuthFailureCause.WrongProject] = "The credential is not allowed on the Google Cloud project named in the message. Use a key or token from that project, or point the client at the project the credential belongs to (GOOGLE_CLOUD_PROJECT).",
        },
    };

    /// <summary>Google API (google.rpc.Status) wording, shared with <see cref="CommonRules"/> for Google hosts no profile claims.</summary>
    internal static ErrorRule[] GoogleRules =>
    [
        ErrorRule.NotAuthCode("RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "NOT_FOUND", "RATE_LIMIT_EXCEEDED", "BILLING_DISABLED"),
        ErrorRule.NotAuthMessage("User location is not supported"),

        // Google's wording counts only under its structured status or reason: these rules are shared with every profile
        // (CommonRules), and a bare PERMISSION_DENIED also answers model, file and tuning access that is not about the key.
        new() { Cause = AuthFailureCause.ExpiredCredential, Codes = ["API_KEY_INVALID", "INVALID_ARGUMENT", "UNAUTHENTICATED"], MessageContains = ["API key expired"], Evidence = EvidenceScope.Always },
        new() { Cause = AuthFailureCause.MissingKey, Codes = ["PERMISSION_DENIED", "UNAUTHENTICATED"], MessageContains = ["unregistered callers"], Evidence = EvidenceScope.Always },
        new()
        {
            Cause = AuthFailureCause.InvalidKey,
            Codes = ["PERMISSION_DENIED"],
            MessageContains = ["reported as leaked"],
            Evidence = EvidenceScope.Always,
            Remediation = "Google blocked the key {KeyHint} because it was reported as leaked (found in public code or a client app). Delete it, create a new key at {KeysUrl}, keep it out of source control and client-side code, and update {EnvVar}.",
        },
        ErrorRule.Code(AuthFailureCause.InvalidKey, "API_KEY_INVALID"),

        // The OpenAI-compatible endpoint (/v1beta/openai/) answers a bad Authorization header with an array-wrapped 400.
        ErrorRule.Message(AuthFailureCause.MalformedAuthorizationHeader, "Invalid Authorization header"),
        ErrorRule.Code(AuthFailureCause.AccountDisabled, "CONSUMER_SUSPENDED"),
        new()
        {
            Cause = AuthFailureCause.WrongProject,
            Codes = ["CONSUMER_INVALID", "USER_PROJECT_DENIED"],
            Evidence = EvidenceScope.Always,
            Remediation = "The credential {KeyHint} may not use the Google Cloud project named in the message: the project does not exist, is not yours, or the credential belongs to another project. Set the project the credential belongs to (GOOGLE_CLOUD_PROJECT), or use a credential created in that project.",
        },
        ErrorRule.Code(AuthFailureCause.InsufficientPermissions, "SERVICE_DISABLED", "API_KEY_SERVICE_BLOCKED", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED", "API_KEY_ANDROID_APP_BLOCKED", "API_KEY_IOS_APP_BLOCKED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "IAM_PERMISSION_DENIED"),
    ];
}
