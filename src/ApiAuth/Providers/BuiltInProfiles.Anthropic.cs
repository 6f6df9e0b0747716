namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>
    /// Anthropic (api.anthropic.com). Keys go bare in <c>x-api-key</c> (OAuth tokens in <c>Authorization: Bearer</c>).
    /// Failure bodies are <c>{"type":"error","error":{"type","message"},"request_id"}</c> with the types listed at
    /// docs.anthropic.com/en/api/errors; the request id is also in the <c>request-id</c> header.
    /// </summary>
    public static ProviderProfile Anthropic { get; } = new()
    {
        Id = ProviderEndpoints.Anthropic.Id,
        DisplayName = ProviderEndpoints.Anthropic.DisplayName,
        Hosts = ProviderEndpoints.Anthropic.Hosts,
        KeyHeader = ProviderEndpoints.Anthropic.KeyHeader,
        KeyScheme = ProviderEndpoints.Anthropic.KeyScheme,
        AlternativeKeyPlacements = ProviderEndpoints.Anthropic.AlternativeKeyPlacements,
        MisplacedKeyHeaders = ["api-key", "anthropic-api-key", "x-goog-api-key"],
        KeyRequired = true,
        StrictPlaceholders = true,
        OwnKeyVendors = ["anthropic"],
        KeyEnvironmentVariables = ProviderEndpoints.Anthropic.KeyEnvironmentVariables,
        KeysUrl = "https://console.anthropic.com/settings/keys",
        TestCommand = "curl -sS https://api.anthropic.com/v1/models -H \"x-api-key: $ANTHROPIC_API_KEY\" -H \"anthropic-version: 2023-06-01\"",
        StatusPage = "https://status.anthropic.com",
        RequestIdHeaders = ["request-id", "x-request-id"],
        Rules = AnthropicRules,
        Remediations = new Dictionary<AuthFailureCause, string>
        {
            [AuthFailureCause.MissingKey] = "No API key reached Anthropic. Set {EnvVar} in the process that runs this code and send it in the 'x-api-key' header (the Anthropic SDK does this), together with 'anthropic-version'.",
            [AuthFailureCause.InvalidKey] = "Anthropic does not recognise the key {KeyHint}: it is mistyped, disabled or deleted. Compare its last 4 characters with the keys at {KeysUrl}; if it is not listed as active, create a new key and update {EnvVar}.",
            [AuthFailureCause.ExpiredCredential] = "The OAuth token has expired. Refresh it (or sign in again), or use an API key (sk-ant-api03-…) from {KeysUrl} in 'x-api-key'.",
            [AuthFailureCause.AccountDisabled] = "The Anthropic organization behind the key {KeyHint} is disabled. Check its status and billing at https://console.anthropic.com/settings/billing, or contact Anthropic support quoting request id {RequestId}.",
            [AuthFailureCause.InsufficientPermissions] = "The key {KeyHint} is valid but not allowed to use this resource (model, workspace or feature). Check the key's workspace and its limits at {KeysUrl}. Request id: {RequestId}.",
        },
    };

    private static ErrorRule[] AnthropicRules =>
    [
        ErrorRule.NotAuthCode("rate_limit_error", "overloaded_error", "not_found_error", "request_too_large", "api_error", "billing_error"),
        ErrorRule.NotAuthMessage("credit balance is too low"),

        // The edge answers 403 {"error":{"type":"forbidden","message":"Request not allowed"}} to unsupported regions.
        new() { PassThrough = true, Codes = ["forbidden"], MessageContains = ["Request not allowed"] },
        new()
        {
            Cause = AuthFailureCause.WrongHeaderName,
            MessageContains = ["OAuth authentication is currently not supported"],
            Evidence = EvidenceScope.Always,
            Remediation = "Anthropic's API refused an OAuth token (a Claude subscription login) where it expects an API key. Send an API key (sk-ant-api03-…) from {KeysUrl} in the 'x-api-key' header, and set {EnvVar} to it.",
        },
        ErrorRule.Message(AuthFailureCause.ExpiredCredential, "OAuth token has expired"),
        ErrorRule.Hint(AuthFailureCause.ExpiredCredential, "token has expired"),
        ErrorRule.Message(AuthFailureCause.AccountDisabled, "This organization has been disabled"),
        ErrorRule.Message(AuthFailureCause.MissingKey, "x-api-key header is required"),
        ErrorRule.Message(AuthFailureCause.InvalidKey, "invalid x-api-key", "invalid bearer token"),
        ErrorRule.Code(AuthFailureCause.InsufficientPermissions, "permission_error"),
    ];
}
