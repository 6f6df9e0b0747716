namespace ApiAuth.Providers;

/// <summary>
/// Classification rules every profile falls back to, after its own: the wording of auth failures that
/// many services, gateways and relays share (including RFC 6750 error codes and one-api/new-api's Chinese
/// messages). Order matters: not-auth first, then the most specific causes.
/// </summary>
internal static class CommonRules
{
    public static ErrorRule[] All { get; } =
    [
        ErrorRule.NotAuthCode("rate_limit_exceeded", "rate_limit_error", "insufficient_quota", "overloaded_error", "model_not_found", "not_found_error", "context_length_exceeded", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "DeploymentNotFound", "content_filter", "unsupported_country_region_territory", "request_too_large", "billing_error"),
        ErrorRule.NotAuthMessage("rate limit", "quota", "location is not supported", "not supported in your", "country, region", "territory not supported", "额度", "余额", "overloaded", "too many requests", "context length", "maximum context"),
        ErrorRule.Message(AuthFailureCause.ExpiredCredential, "key expired", "token expired", "token is expired", "token has expired", "key has expired", "has expired", "is expired", "expired token", "expired api key", "lifetime validation failed", "IDX10223", "已过期", "renew the api key"),
        ErrorRule.Message(AuthFailureCause.MissingKey, "didn't provide an api key", "no api key", "missing api key", "api key is missing", "api key required", "api key is required", "x-api-key header is required", "no auth credentials", "missing authentication", "missing subscription key", "未提供令牌", "authorization header is missing", "missing authorization", "missing bearer", "unregistered callers", "no token provided", "token not provided", "missing credentials", "no credentials", "authentication required", "requires authentication", "api key not provided", "must provide an api key"),
        ErrorRule.Code(AuthFailureCause.AccountDisabled, "SERVICE_DISABLED", "ACCOUNT_DISABLED", "account_deactivated", "organization_disabled", "AuthenticationTypeDisabled"),
        ErrorRule.Message(AuthFailureCause.AccountDisabled, "key based authentication is disabled", "local authentication is disabled", "account has been disabled", "account is disabled", "deactivated", "suspended", "account is not active", "organization has been disabled", "已被禁用", "已禁用", "banned"),
        ErrorRule.Code(AuthFailureCause.InsufficientPermissions, "permission_error", "PERMISSION_DENIED", "insufficient_scope", "API_KEY_SERVICE_BLOCKED", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED", "API_KEY_ANDROID_APP_BLOCKED", "API_KEY_IOS_APP_BLOCKED", "PermissionDenied", "AuthorizationFailed"),
        ErrorRule.Message(AuthFailureCause.InsufficientPermissions, "permission", "not authorized to", "not allowed to", "missing scope", "insufficient scope", "lacks the required", "does not have access", "access to this model", "blocked", "无权"),
        ErrorRule.Code(AuthFailureCause.InvalidKey, "invalid_api_key", "authentication_error", "API_KEY_INVALID", "invalid_token", "UNAUTHENTICATED", "invalid_authentication", "InvalidAuthenticationToken", "invalid_key", "unauthorized_api_key", "InvalidApiKey"),
        ErrorRule.Message(AuthFailureCause.InvalidKey, "invalid api key", "incorrect api key", "invalid_api_key", "invalid x-api-key", "api key not valid", "invalid token", "authentication fails", "authentication failed", "invalid authentication", "invalid credentials", "bad credentials", "revoked", "unknown api key", "api key is invalid", "key is invalid", "invalid subscription key", "invalid key", "无效的令牌", "令牌无效", "user not found", "invalid proxy server token", "invalid bearer token", "invalid access token", "unauthenticated"),
    ];
}
