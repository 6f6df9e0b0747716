using System.Net;

namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>
    /// Azure OpenAI and Azure AI Foundry (<c>*.openai.azure.com</c>, <c>*.services.ai.azure.com</c>,
    /// <c>*.cognitiveservices.azure.com</c>). Keys are bare in <c>api-key</c>; Entra ID tokens go in
    /// <c>Authorization: Bearer</c>. Failure bodies are <c>{"error":{"code":"401","message"}}</c> from the resource,
    /// <c>{"statusCode":401,"message"}</c> from the API Management front door, and <c>PermissionDenied</c> /
    /// <c>AuthenticationTypeDisabled</c> for Entra and RBAC (learn.microsoft.com/azure/ai-services/openai/reference,
    /// learn.microsoft.com/azure/ai-services/authentication).
    /// </summary>
    public static ProviderProfile AzureOpenAI { get; } = new()
    {
        Id = ProviderEndpoints.AzureOpenAI.Id,
        DisplayName = ProviderEndpoints.AzureOpenAI.DisplayName,
        HostSuffixes = ProviderEndpoints.AzureOpenAI.HostSuffixes,
        KeyHeader = ProviderEndpoints.AzureOpenAI.KeyHeader,
        KeyScheme = ProviderEndpoints.AzureOpenAI.KeyScheme,
        AlternativeKeyPlacements = ProviderEndpoints.AzureOpenAI.AlternativeKeyPlacements,
        MisplacedKeyHeaders = ["x-api-key"],
        KeyRequired = true,
        StrictPlaceholders = true,
        OwnKeyVendors = ["azure-openai"],
        KeyEnvironmentVariables = ProviderEndpoints.AzureOpenAI.KeyEnvironmentVariables,
        KeysUrl = "https://portal.azure.com",
        TestCommand = "curl -sS \"https://{Host}/openai/models?api-version=2024-10-21\" -H \"api-key: $AZURE_OPENAI_API_KEY\"",
        StatusPage = "https://azure.status.microsoft",
        RequestIdHeaders = ["apim-request-id", "x-ms-request-id", "x-request-id"],
        Rules = AzureRules,
        Remediations = new Dictionary<AuthFailureCause, string>
        {
            [AuthFailureCause.MissingKey] = "No credential reached {Host}. Set {EnvVar} (Key 1 or Key 2 of the resource) and send it in the 'api-key' header, or use Entra ID and send 'Authorization: Bearer <token>' for the scope https://cognitiveservices.azure.com/.default.",
            [AuthFailureCause.InvalidKey] = "Azure does not accept the key {KeyHint} for {Host}. Copy Key 1 from the 'Keys and Endpoint' page of the resource the endpoint belongs to ({KeysUrl}); keys are per resource, and regenerating a key invalidates the old one. Then update {EnvVar}.",
            [AuthFailureCause.WrongEndpoint] = "The key {KeyHint} is not a key of the resource at {Host}, or the endpoint is not that resource's. Copy the key and the endpoint from the same resource's 'Keys and Endpoint' page ({KeysUrl}), check the region in the host name, and update {EnvVar}.",
            [AuthFailureCause.ExpiredCredential] = "The Entra ID token has expired. Let the client refresh tokens (DefaultAzureCredential / BearerTokenPolicy does) instead of caching one string, for the scope https://cognitiveservices.azure.com/.default.",
            [AuthFailureCause.AccountDisabled] = "The resource at {Host} refuses this kind of credential: key (local) authentication is disabled on it (disableLocalAuth). Use Entra ID (send 'Authorization: Bearer <token>' for https://cognitiveservices.azure.com/.default), or ask the resource owner to enable key access.",
            [AuthFailureCause.InsufficientPermissions] = "The identity is authenticated but not authorized on {Host}. Assign it the 'Cognitive Services OpenAI User' role (or 'Azure AI User' for Foundry projects) on the resource, wait a few minutes for the assignment to apply. Request id: {RequestId}.",
            [AuthFailureCause.Unknown] = "Azure refused the credential without naming one cause (token missing, invalid, wrong audience or expired). For Entra ID, request the token for the scope https://cognitiveservices.azure.com/.default (https://ai.azure.com/.default for Foundry agents) and refresh it before expiry; for keys, send Key 1 of this resource in 'api-key'. Request id: {RequestId}.",
        },
    };

    private static ErrorRule[] AzureRules =>
    [
        ErrorRule.NotAuthCode("DeploymentNotFound", "OperationNotSupported", "content_filter"),

        // "Access denied due to Virtual Network/Firewall rules." is the resource's network firewall, not the credential:
        // the same key works from an allowed network. It passes through, like any WAF's 403.
        ErrorRule.NotAuthMessage("Virtual Network/Firewall rules"),
        ErrorRule.Message(AuthFailureCause.WrongEndpoint, "wrong API endpoint", "use a correct regional API endpoint"),
        ErrorRule.Code(AuthFailureCause.AccountDisabled, "AuthenticationTypeDisabled"),
        ErrorRule.Message(AuthFailureCause.AccountDisabled, "Key based authentication is disabled"),
        ErrorRule.Code(AuthFailureCause.InsufficientPermissions, "PermissionDenied", "AuthorizationFailed"),
        ErrorRule.Message(AuthFailureCause.InsufficientPermissions, "lacks the required data action", "does not have access to API/Operation"),
        new() { Cause = AuthFailureCause.Unknown, Status = HttpStatusCode.Unauthorized, MessageContains = ["Access token is missing, invalid, audience is incorrect"] },
    ];
}
