using System.Net;

namespace ApiAuth.Providers;

internal static partial class BuiltInProfiles
{
    /// <summary>
    /// OpenAI (api.openai.com). Auth failure bodies are <c>{"error":{"message","type","code","param"}}</c>;
    /// wording from platform.openai.com/docs/guides/error-codes and the OpenAI help center's 401 articles.
    /// </summary>
    public static ProviderProfile OpenAI { get; } = new()
    {
        Id = ProviderEndpoints.OpenAI.Id,
        DisplayName = ProviderEndpoints.OpenAI.DisplayName,
        Hosts = ProviderEndpoints.OpenAI.Hosts,
        KeyHeader = ProviderEndpoints.OpenAI.KeyHeader,
        KeyScheme = ProviderEndpoints.OpenAI.KeyScheme,
        MisplacedKeyHeaders = ["api-key", "x-api-key", "openai-api-key", "x-goog-api-key"],
        KeyRequired = true,
        StrictPlaceholders = true,
        OwnKeyVendors = ["openai"],
        OrganizationHeader = "OpenAI-Organization",
        OrganizationIdPrefix = "org-",
        ProjectHeader = "OpenAI-Project",
        ProjectIdPrefix = "proj_",
        KeyEnvironmentVariables = ProviderEndpoints.OpenAI.KeyEnvironmentVariables,
        KeysUrl = "https://platform.openai.com/api-keys",
        TestCommand = "curl -sS https://api.openai.com/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\"",
        StatusPage = "https://status.openai.com",
        RequestIdHeaders = ["x-request-id"],
        Rules = OpenAIRules,
        Remediations = new Dictionary<AuthFailureCause, string>
        {
            [AuthFailureCause.MissingKey] = "Set the {EnvVar} environment variable in the process that runs this code (a .env file is not loaded unless your app loads it), or pass the key to the client (ApiAuthDiagnosticsOptions.ApiKey); OpenAI reads it from 'Authorization: Bearer <key>'.",
            [AuthFailureCause.InvalidKey] = "OpenAI does not recognise the key {KeyHint}: it is mistyped, deleted or revoked (keys found in public code are revoked automatically). Compare its last 4 characters with the list at {KeysUrl}; if it is not listed, create a new key and update {EnvVar}.",
            [AuthFailureCause.WrongOrganization] = "The key {KeyHint} does not belong to the organization sent in OpenAI-Organization ({Organization}). Remove that header, or set it to the organization id (org-…) shown at https://platform.openai.com/settings/organization/general for the key's organization.",
            [AuthFailureCause.WrongProject] = "The key {KeyHint} does not belong to the project sent in OpenAI-Project ({Project}). Remove that header (a project key already implies its project), or set it to the project id (proj_…) the key was created in.",
            [AuthFailureCause.AccountDisabled] = "The OpenAI account or organization behind the key {KeyHint} is deactivated. Check billing and account status at https://platform.openai.com/settings/organization/billing, or contact OpenAI support quoting request id {RequestId}.",
            [AuthFailureCause.InsufficientPermissions] = "The key {KeyHint} is valid but lacks a permission this call needs (a restricted key, or a Reader role). Give the key the missing scope (or 'All' permissions) at {KeysUrl}, or check your role in the organization and project.",
        },
    };

    // OpenAI answers credential failures with a 401 (a restricted key's missing scopes also with a 403); its 400s can quote
    // the caller's own content (a tool's output, a schema, a function name) and its other 403s are regions and model
    // access. So at 400/403 its codes and the scope wording are evidence; the rest of its wording
    // (ErrorRule.Hint) decides a 401 only. The same rules serve the OpenAI-compatible profile, where
    // CommonRules' unambiguous phrases still count at 400/403.
    private static ErrorRule[] OpenAIRules =>
    [
        ErrorRule.NotAuthCode("unsupported_country_region_territory", "insufficient_quota", "rate_limit_exceeded", "model_not_found", "context_length_exceeded"),
        ErrorRule.NotAuthMessage("Country, region, or territory not supported", "exceeded your current quota"),
        ErrorRule.Code(AuthFailureCause.WrongOrganization, "mismatched_organization", "invalid_organization", "no_organization", "organization_not_found"),
        ErrorRule.Hint(AuthFailureCause.WrongOrganization, "OpenAI-Organization header should match", "No such organization", "must be a member of an organization", "not a member of organization", "does not belong to organization"),
        ErrorRule.Code(AuthFailureCause.WrongProject, "mismatched_project", "invalid_project", "project_not_found"),
        ErrorRule.Hint(AuthFailureCause.WrongProject, "OpenAI-Project header should match", "No such project", "does not have access to project", "not a member of project", "project is archived"),
        ErrorRule.Code(AuthFailureCause.AccountDisabled, "account_deactivated", "organization_deactivated", "access_terminated"),
        ErrorRule.Hint(AuthFailureCause.AccountDisabled, "deactivated account", "account is not active", "account has been deactivated", "organization has been disabled", "access was terminated"),

        // A restricted key's missing scopes name the credential (OpenAI has sent them at 403 as well as 401); model access
        // ("You are not allowed to sample from this model") is the account's tier and decides a 401 only.
        ErrorRule.Message(AuthFailureCause.InsufficientPermissions, "insufficient permissions for this operation", "Missing scopes:"),
        ErrorRule.Hint(AuthFailureCause.InsufficientPermissions, "insufficient permissions", "restricted API key", "does not have access to model", "You are not allowed to"),
        ErrorRule.Hint(AuthFailureCause.MissingKey, "You didn't provide an API key", "You did not provide an API key", "Missing bearer or basic authentication"),
        new()
        {
            Cause = AuthFailureCause.WrongProviderKey,
            Codes = ["invalid_issuer"],
            Evidence = EvidenceScope.Always,
            Remediation = "{Provider} received a token from another issuer (a ChatGPT session token, or a JWT from Supabase, n8n or your own sign-in), not an API key. Send an API key issued by {Provider} ({KeysUrl}) as 'Authorization: Bearer <key>', and set {EnvVar} to it.",
        },
        ErrorRule.Code(AuthFailureCause.InvalidKey, "invalid_api_key"),
        ErrorRule.Hint(AuthFailureCause.InvalidKey, "Incorrect API key provided", "API key has been revoked", "Invalid authorization header"),
        new() { Cause = AuthFailureCause.ExpiredCredential, Status = HttpStatusCode.Unauthorized, MessageContains = ["expired"] },
    ];
}
