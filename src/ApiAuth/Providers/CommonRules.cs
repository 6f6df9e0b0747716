namespace ApiAuth.Providers;

/// <summary>
/// Classification rules every profile falls back to, after its own: the wording of auth failures that
/// many services, gateways and relays share — Google APIs, Azure API Management, AWS API Gateway, Kong, Envoy,
/// LiteLLM, vLLM, one-api/new-api (Chinese messages), RFC 6750 error codes. Relays and self-hosted servers have
/// no fixed host, so their wording lives here, where the generic profile finds it.
/// Order matters: not-auth first, then the most specific causes, then the broad ones.
/// </summary>
internal static class CommonRules
{
    public static ErrorRule[] All { get; } =
    [
        // Not about authentication, even at 401/403: rate limits, quota and credit, missing models, regions, WAF blocks.
        ErrorRule.NotAuthCode(
            "rate_limit_exceeded", "rate_limit_error", "insufficient_quota", "overloaded_error", "model_not_found", "not_found_error",
            "context_length_exceeded", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "DeploymentNotFound", "content_filter",
            "unsupported_country_region_territory", "request_too_large", "billing_error", "billing_not_active", "credit_limit",
            "invalid_model", "1020"),
        ErrorRule.NotAuthMessage(
            "rate limit", "quota", "location is not supported", "not supported in your", "country, region", "territory not supported",
            "额度", "余额", "overloaded", "too many requests", "context length", "maximum context", "credit balance", "insufficient credits",
            "enough credit", "insufficient balance", "error code: 1020"),

        // Google APIs (google.rpc.Status reasons), for Google hosts no profile claims.
        .. BuiltInProfiles.GoogleRules,

        // Infrastructure with one unmistakable meaning.
        new()
        {
            Cause = AuthFailureCause.WrongEndpoint,
            MessageContains = ["Missing Authentication Token"],
            Remediation = "AWS API Gateway answers 'Missing Authentication Token' when no route matches the path or method (or an IAM-authorized route got an unsigned request). Check the base address, stage and path sent to {Host}; the key itself was not judged.",
        },
        new()
        {
            Cause = AuthFailureCause.WrongEndpoint,
            MessageContains = ["wrong API endpoint"],
            Remediation = "The key {KeyHint} does not belong to the resource at {Host}, or the endpoint is not that resource's. Take the key and the endpoint from the same resource and region, and update {EnvVar}.",
        },
        new()
        {
            Cause = AuthFailureCause.MalformedAuthorizationHeader,
            MessageContains = ["start with 'Bearer'", "start with \"Bearer\"", "must start with Bearer", "must be a Bearer", "Bearer prefix", "malformed authorization header", "invalid authorization header format"],
            Remediation = "{Host} reads 'Authorization: Bearer <key>' and the header it got is not in that form. Give the client the bare key (it adds 'Bearer ' once), and check that no proxy rewrites or strips the header.",
        },
        new()
        {
            Cause = AuthFailureCause.MalformedKey,
            MessageContains = ["LiteLLM Virtual Key expected", "expected to start with 'sk-'"],
            Remediation = "The LiteLLM proxy at {Host} expects one of its virtual keys (sk-…) and received {Detail}. Send the virtual key issued by the proxy (/key/generate or its admin UI) as 'Authorization: Bearer <key>', not a provider key or another token.",
        },
        ErrorRule.Message(AuthFailureCause.InsufficientPermissions, "Virtual Network/Firewall", "RBAC: access denied", "lacks the required data action", "IP 不在", "不在令牌允许"),

        // Expired credentials (before "invalid", which their messages often also say).
        ErrorRule.Code(AuthFailureCause.ExpiredCredential, "expired_key", "token_expired", "expired_token", "ExpiredAuthenticationToken"),
        ErrorRule.Message(AuthFailureCause.ExpiredCredential, "key expired", "token expired", "token is expired", "token has expired", "key has expired", "has expired", "is expired", "expired token", "expired api key", "expired key", "lifetime validation failed", "IDX10223", "已过期", "renew the api key"),

        // Nothing arrived.
        ErrorRule.Message(AuthFailureCause.MissingKey, "didn't provide an api key", "no api key", "missing api key", "api key is missing", "api key required", "api key is required", "x-api-key header is required", "no auth credentials", "no cookie auth credentials", "missing authentication", "missing subscription key", "未提供令牌", "authorization header is missing", "missing authorization", "missing bearer", "unregistered callers", "no token provided", "token not provided", "missing credentials", "no credentials", "authentication required", "requires authentication", "api key not provided", "must provide an api key"),

        // Keys a proxy or relay disabled: the key is what is wrong, not the account (LiteLLM "Key is blocked", new-api 令牌状态不可用).
        ErrorRule.Message(AuthFailureCause.InvalidKey, "key is blocked", "key has been blocked", "令牌状态不可用", "token is disabled", "key is disabled"),

        // The account or organization.
        ErrorRule.Code(AuthFailureCause.AccountDisabled, "ACCOUNT_DISABLED", "account_deactivated", "organization_disabled", "organization_restricted", "AuthenticationTypeDisabled", "CONSUMER_SUSPENDED"),
        ErrorRule.Message(AuthFailureCause.AccountDisabled, "key based authentication is disabled", "local authentication is disabled", "account has been disabled", "account is disabled", "deactivated", "suspended", "account is not active", "organization has been disabled", "organization has been restricted", "已被禁用", "已禁用", "已被封禁", "banned"),

        // Valid credential, not allowed.
        ErrorRule.Code(AuthFailureCause.InsufficientPermissions, "permission_error", "PERMISSION_DENIED", "insufficient_scope", "API_KEY_SERVICE_BLOCKED", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED", "API_KEY_ANDROID_APP_BLOCKED", "API_KEY_IOS_APP_BLOCKED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "SERVICE_DISABLED", "PermissionDenied", "AuthorizationFailed", "key_model_access_denied", "team_model_access_denied"),
        ErrorRule.Message(AuthFailureCause.InsufficientPermissions, "permission", "not authorized to", "not allowed to", "missing scope", "insufficient scope", "lacks the required", "does not have access", "access to this model", "higher privileges", "blocked", "无权"),

        // Unknown, wrong or revoked key.
        ErrorRule.Code(AuthFailureCause.InvalidKey, "invalid_api_key", "authentication_error", "API_KEY_INVALID", "invalid_token", "UNAUTHENTICATED", "invalid_authentication", "InvalidAuthenticationToken", "invalid_key", "unauthorized_api_key", "InvalidApiKey", "token_not_found_in_db", "oauth.v2.InvalidApiKey"),
        ErrorRule.Message(AuthFailureCause.InvalidKey, "invalid api key", "invalid apikey", "incorrect api key", "invalid_api_key", "invalid x-api-key", "api key not valid", "invalid token", "authentication fails", "authentication failed", "invalid authentication", "invalid credentials", "bad credentials", "revoked", "unknown api key", "api key is invalid", "key is invalid", "provided is invalid", "invalid subscription key", "invalid key", "无效的令牌", "令牌无效", "user not found", "no such user", "invalid username or password", "invalid proxy server token", "invalid bearer token", "invalid access token", "unauthenticated"),
    ];
}
