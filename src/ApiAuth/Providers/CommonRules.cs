namespace ApiAuth.Providers;

/// <summary>
/// Classification rules every profile falls back to, after its own: the wording of auth failures that
/// many services, gateways and relays share — Google APIs, Azure API Management, AWS API Gateway, Kong, Envoy,
/// LiteLLM, vLLM, one-api/new-api (Chinese messages), RFC 6750 error codes. Relays and self-hosted servers have
/// no fixed host, so their wording lives here, where the generic profile finds it.
/// Order matters: not-auth first, then the most specific causes, then the broad ones.
/// </summary>
/// <remarks>
/// What a match proves depends on the status (<see cref="EvidenceScope"/>). Structured codes that only name an auth
/// failure (<see cref="ErrorRule.Code"/>) are evidence everywhere. Shared phrases are evidence at 400/403 only for
/// services without a profile and only when unambiguous (<see cref="ErrorRule.Phrase"/>: "invalid API key", "invalid
/// credentials", "not authenticated"). Words that also name content filters, schema errors, expired URLs, revoked tool
/// grants, WAF blocks or model access ("blocked", "permission", "expired", "revoked", "invalid key") decide a 401 only
/// (<see cref="ErrorRule.Hint"/>).
/// </remarks>
internal static class CommonRules
{
    private const string WrongAudienceRemediation =
        "The access token {KeyHint} was issued for another resource than {Host} (its audience is wrong). Request the token for this service's scope — https://cognitiveservices.azure.com/.default for Azure OpenAI, https://ai.azure.com/.default for Foundry agents, https://management.azure.com/.default for Azure Resource Manager — and send the new one.";

    private const string AwsSigV4Remediation =
        "The route at {Host} uses IAM authorization: it reads an AWS Signature Version 4 header ('Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…'), and the Authorization header it got is not one (a Bearer token or API key?). Sign the request with AWS credentials (an AWS SDK's SigV4 signer), or, if this API is meant to take the token, give the route a JWT, Cognito or Lambda authorizer instead of IAM.";

    public static ErrorRule[] All { get; } =
    [
        // Not about authentication, even at 401/403: rate limits, quota and credit, missing models, regions, WAF/CDN blocks.
        ErrorRule.NotAuthCode(
            "rate_limit_exceeded", "rate_limit_error", "insufficient_quota", "overloaded_error", "model_not_found", "not_found_error",
            "context_length_exceeded", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "DeploymentNotFound", "content_filter",
            "unsupported_country_region_territory", "request_too_large", "billing_error", "billing_not_active", "credit_limit",
            "invalid_model", "1020", "content_policy_violation", "insufficient_user_quota"),
        ErrorRule.NotAuthMessage(
            "rate limit", "quota", "location is not supported", "not supported in your", "country, region", "territory not supported",
            "额度", "余额", "overloaded", "too many requests", "context length", "maximum context", "credit balance", "insufficient credits",
            "enough credit", "insufficient balance", "error code: 1020",
            "Virtual Network/Firewall rules", "you have been blocked", "Attention Required! | Cloudflare", "The request could not be satisfied"),

        // Google APIs (google.rpc.Status reasons), for Google hosts no profile claims.
        .. BuiltInProfiles.GoogleRules,

        // Infrastructure with one unmistakable meaning.
        new()
        {
            Cause = AuthFailureCause.WrongEndpoint,
            MessageContains = ["Missing Authentication Token"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "AWS API Gateway answers 'Missing Authentication Token' when no route matches the path or method (or an IAM-authorized route got an unsigned request). Check the base address, stage and path sent to {Host}; the key itself was not judged.",
        },
        new()
        {
            Cause = AuthFailureCause.WrongEndpoint,
            MessageContains = ["wrong API endpoint"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The key {KeyHint} does not belong to the resource at {Host}, or the endpoint is not that resource's. Take the key and the endpoint from the same resource and region, and update {EnvVar}.",
        },
        new()
        {
            Cause = AuthFailureCause.MalformedAuthorizationHeader,
            // LiteLLM proxy (litellm/proxy/auth/user_api_key_auth.py): "Malformed API Key passed in. Ensure Key has `Bearer ` prefix.";
            // Tyk (gateway/handler_error.go MsgBearerMailformed, 400): "Bearer token malformed".
            MessageContains = ["start with 'Bearer'", "start with \"Bearer\"", "must start with Bearer", "must be a Bearer", "Bearer prefix", "malformed authorization header", "invalid authorization header format", "Ensure Key has `Bearer ` prefix", "Malformed API Key passed in", "Bearer token malformed"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "{Host} reads 'Authorization: Bearer <key>' and the header it got is not in that form. Give the client the bare key (it adds 'Bearer ' once), and check that no proxy rewrites or strips the header.",
        },
        new()
        {
            Cause = AuthFailureCause.MalformedKey,
            MessageContains = ["LiteLLM Virtual Key expected", "expected to start with 'sk-'"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The LiteLLM proxy at {Host} expects one of its virtual keys (sk-…) and received {Detail}. Send the virtual key issued by the proxy (/key/generate or its admin UI) as 'Authorization: Bearer <key>', not a provider key or another token.",
        },
        // ---- Issue 14, class 1 and 4: gateways' and token servers' own wording, from their documentation and source. ----

        // AWS: IncompleteSignature (AWS "Common Errors": "The request signature does not conform to AWS standards") answers an
        // Authorization header that is not SigV4, e.g. a Bearer token or API key sent to an IAM-authorized API Gateway route.
        new()
        {
            Cause = AuthFailureCause.MalformedAuthorizationHeader,
            Codes = ["IncompleteSignatureException", "IncompleteSignature"],
            Evidence = EvidenceScope.Always,
            Remediation = AwsSigV4Remediation,
        },

        // AWS API Gateway ACCESS_DENIED gateway response ("User is not authorized to access this resource", default 403,
        // docs "Gateway response types"): an authorizer or resource policy denied a credential it accepted.
        new()
        {
            Cause = AuthFailureCause.InsufficientPermissions,
            MessageContains = ["User is not authorized to access this resource"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The API Gateway at {Host} accepted the credential {KeyHint} but its authorizer (a Lambda or Cognito authorizer policy, or the API's resource policy) denies this resource. Check the policy the authorizer returns for this caller and route, or use a credential that is allowed here.",
        },

        // Kong acl plugin (Kong/kong kong/plugins/acl/handler.lua, 403): the consumer was authenticated, its groups are not allowed.
        new()
        {
            Cause = AuthFailureCause.InsufficientPermissions,
            MessageContains = ["You cannot consume this service"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The Kong gateway at {Host} recognised the consumer behind {KeyHint}, but the service's acl plugin does not allow that consumer's groups. Add the consumer to an allowed group (or use a consumer that is in one).",
        },

        // Kong jwt plugin (Kong/kong kong/plugins/jwt/handler.lua): "Bad token; <decode error>" (401) — the credential is not a
        // JWT; "No credentials found for given 'iss'" (403) — no consumer holds a jwt credential for the token's issuer key;
        // "Invalid signature" (403); "Multiple tokens provided" (401).
        new()
        {
            Cause = AuthFailureCause.MalformedKey,
            MessageContains = ["Bad token; "],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The gateway at {Host} expects a JWT on this route and could not decode the credential {KeyHint} as one (an API key or opaque token sent as 'Bearer'?). Send a JWT signed with the consumer's jwt credential, or use the route that takes this key.",
        },
        new()
        {
            Cause = AuthFailureCause.InvalidKey,
            MessageContains = ["No credentials found for given"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The gateway at {Host} knows no credential for the issuer named in the token {KeyHint} (its 'iss' or key claim). Sign the token with a key registered for a consumer on this gateway, with that key's id as the claim.",
        },
        new()
        {
            Cause = AuthFailureCause.InvalidKey,
            MessageContains = ["Invalid signature"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "{Host} rejected the token {KeyHint}: its signature does not verify with the secret or public key the server holds for its issuer. Sign it with the current key of the credential registered there (or fetch a new token from the issuer).",
        },
        new()
        {
            Cause = AuthFailureCause.MalformedAuthorizationHeader,
            MessageContains = ["Multiple tokens provided"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "{Host} found more than one token in the request (Authorization header, query string or cookie). Send the credential once, in one place.",
        },

        // Tyk gateway (TykTechnologies/tyk gateway/handler_error.go, mw_jwt.go, mw_auth_key.go, mw_oauth2_key_exists.go):
        // "key not authorized: no matching policy" (403, a valid JWT whose policy claim maps to no policy); "Key not authorised"
        // (MsgKeyNotAuthorized, also "…. OAuth client access was revoked") and "Key not authorized: Unexpected signing method";
        // "Access to this API has been disallowed" (MsgApiAccessDisallowed) answers an unknown key, an invalid key and a key
        // without access rights alike, so it names no cause; "Bearer token malformed" and "Authorization field missing" below.
        new()
        {
            Cause = AuthFailureCause.InsufficientPermissions,
            MessageContains = ["no matching policy"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The Tyk gateway at {Host} accepted the token {KeyHint}, but the policy it names (its policy claim) matches no policy that grants this API. Fix the claim or the gateway's policy mapping.",
        },
        new()
        {
            Cause = AuthFailureCause.InvalidKey,
            MessageContains = ["Key not authorised", "Key not authorized:"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The gateway at {Host} does not accept the key or token {KeyHint}: it is unknown to it, revoked (or its OAuth client was), or signed with an algorithm the API does not allow. Check the key in the gateway's dashboard, or get a new one, and update {EnvVar}.",
        },
        new()
        {
            Cause = AuthFailureCause.Unknown,
            MessageContains = ["Access to this API has been disallowed"],
            Evidence = EvidenceScope.UnprofiledService,
            Remediation = "The Tyk gateway at {Host} gives this one answer to a key it does not know, an invalid key and a key without access rights to this API. Check in the gateway's dashboard that the key {KeyHint} exists, is active, and that its policy grants this API.",
        },

        // Microsoft Entra token endpoint (learn.microsoft.com/entra/identity-platform/reference-error-codes): AADSTS7000222
        // InvalidClientSecretExpiredKeysProvided, AADSTS7000215 InvalidClientSecretProvided (often the secret's ID sent for its value).
        new()
        {
            Cause = AuthFailureCause.ExpiredCredential,
            MessageContains = ["AADSTS7000222"],
            Evidence = EvidenceScope.Always,
            Remediation = "The client secret {KeyHint} of the Microsoft Entra app registration has expired. Create a new one (Azure portal > App registrations > the app > Certificates & secrets) and update {EnvVar}; a certificate or managed identity does not expire this way.",
        },
        new()
        {
            Cause = AuthFailureCause.InvalidKey,
            MessageContains = ["AADSTS7000215"],
            Evidence = EvidenceScope.Always,
            Remediation = "Microsoft Entra does not accept the client secret {KeyHint}. Send the secret's Value (shown once when it is created), not its Secret ID; if the value is lost, create a new secret under App registrations > the app > Certificates & secrets and update {EnvVar}.",
        },

        new()
        {
            // Entra ID / Azure Resource Manager: a token issued for another resource. Azure's own sentence, on any host.
            Cause = AuthFailureCause.WrongEndpoint,
            Codes = ["InvalidAuthenticationTokenAudience"],
            Evidence = EvidenceScope.Always,
            Remediation = WrongAudienceRemediation,
        },
        new()
        {
            Cause = AuthFailureCause.WrongEndpoint,
            MessageContains = ["obtained for wrong audience or resource"],
            Evidence = EvidenceScope.Always,
            Remediation = WrongAudienceRemediation,
        },
        ErrorRule.Phrase(AuthFailureCause.InsufficientPermissions, "RBAC: access denied", "lacks the required data action", "不在令牌允许", "令牌无权"),
        ErrorRule.Hint(AuthFailureCause.InsufficientPermissions, "IP 不在"),

        // Expired credentials (before "invalid", which their messages often also say).
        ErrorRule.Code(AuthFailureCause.ExpiredCredential, "expired_key", "token_expired", "expired_token", "ExpiredAuthenticationToken", "ACCESS_TOKEN_EXPIRED", "ExpiredTokenException"),
        ErrorRule.Phrase(AuthFailureCause.ExpiredCredential, "api key expired", "api key has expired", "api key is expired", "expired api key", "access token expired", "access token has expired", "access token is expired", "expired access token", "jwt is expired", "jwt expired", "lifetime validation failed", "IDX10223", "renew the api key", "令牌已过期"),
        // NHN Cloud API Gateway (TOAST-DOCS/API-Gateway error-code.md, JWT 20002): "JWT authentication failed (Exceeded expiration time)".
        ErrorRule.Hint(AuthFailureCause.ExpiredCredential, "exceeded expiration time", "key expired", "token expired", "token is expired", "token has expired", "key has expired", "has expired", "is expired", "expired token", "expired key", "已过期"),

        // Nothing arrived. "authorization field missing": Tyk (gateway/handler_error.go MsgAuthFieldMissing).
        ErrorRule.Phrase(AuthFailureCause.MissingKey, "didn't provide an api key", "did not provide an api key", "x-api-key header is required", "no auth credentials", "no cookie auth credentials", "missing subscription key", "未提供令牌", "authorization header is missing", "missing bearer", "unregistered callers", "authentication required", "requires authentication", "api key not provided", "must provide an api key", "no api key found in request", "not authenticated", "authorization field missing"),
        ErrorRule.Hint(AuthFailureCause.MissingKey, "no api key", "missing api key", "api key is missing", "api key required", "api key is required", "missing authentication", "missing authorization", "no token provided", "token not provided", "missing credentials", "no credentials"),

        // Keys a proxy or relay disabled: the key is what is wrong, not the account (LiteLLM "Key is blocked", new-api 令牌状态不可用).
        ErrorRule.Phrase(AuthFailureCause.InvalidKey, "key is blocked", "key has been blocked", "令牌状态不可用", "api key is disabled"),
        ErrorRule.Hint(AuthFailureCause.InvalidKey, "token is disabled", "key is disabled"),

        // The account or organization.
        ErrorRule.Code(AuthFailureCause.AccountDisabled, "ACCOUNT_DISABLED", "account_deactivated", "organization_disabled", "organization_restricted", "AuthenticationTypeDisabled", "CONSUMER_SUSPENDED"),
        ErrorRule.Phrase(AuthFailureCause.AccountDisabled, "key based authentication is disabled", "local authentication is disabled", "organization has been disabled", "organization has been restricted", "用户已被封禁"),
        ErrorRule.Hint(AuthFailureCause.AccountDisabled, "account has been disabled", "account is disabled", "deactivated", "suspended", "account is not active", "已被禁用", "已禁用", "已被封禁", "banned"),

        // Valid credential, not allowed. Google's bare PERMISSION_DENIED status also answers model, file and tuning
        // access that has nothing to do with the credential: only a reason under it (above, and here) is evidence.
        ErrorRule.Code(AuthFailureCause.InsufficientPermissions, "permission_error", "insufficient_scope", "API_KEY_SERVICE_BLOCKED", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED", "API_KEY_ANDROID_APP_BLOCKED", "API_KEY_IOS_APP_BLOCKED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "SERVICE_DISABLED", "PermissionDenied", "AuthorizationFailed", "key_model_access_denied", "team_model_access_denied"),
        ErrorRule.AmbiguousCode(AuthFailureCause.InsufficientPermissions, "PERMISSION_DENIED"),
        ErrorRule.Hint(AuthFailureCause.InsufficientPermissions, "permission", "not authorized to", "not allowed to", "missing scope", "insufficient scope", "lacks the required", "does not have access", "access to this model", "higher privileges", "blocked", "无权"),

        // Relays' own wording (QuantumNous/new-api i18n/locales/en.yaml: token.status_unavailable, distributor.group_access_denied,
        // distributor.token_no_model_access, oauth.user_banned; songquanpeng/one-api middleware/auth.go and model/token.go).
        ErrorRule.Phrase(AuthFailureCause.InvalidKey, "This token status is unavailable", "令牌验证失败"),
        ErrorRule.Phrase(AuthFailureCause.AccountDisabled, "User has been banned"),
        ErrorRule.Phrase(AuthFailureCause.InsufficientPermissions, "No permission to access this group", "This token has no access to any models", "该令牌只能在指定网段使用"),

        // Apigee: a valid key whose API product does not cover the proxy (docs: keymanagement.service fault codes).
        ErrorRule.Code(AuthFailureCause.InsufficientPermissions, "keymanagement.service.InvalidAPICallAsNoApiProductMatchFound"),

        // A key the service calls malformed (Have I Been Pwned: "Access denied due to improperly formed hibp-api-key.").
        ErrorRule.Hint(AuthFailureCause.MalformedKey, "improperly formed"),

        // Unknown, wrong or revoked key.
        ErrorRule.Code(AuthFailureCause.InvalidKey, "invalid_api_key", "authentication_error", "API_KEY_INVALID", "invalid_token", "UNAUTHENTICATED", "invalid_authentication", "InvalidAuthenticationToken", "unauthorized_api_key", "InvalidApiKey", "token_not_found_in_db", "oauth.v2.InvalidApiKey",
            "UnrecognizedClientException", "InvalidSignatureException", "InvalidClientTokenId", "invalid_client", "unauthorized_client",
            "INVALID_AUTH"), // Deepgram (developers.deepgram.com errors: INVALID_AUTH "Invalid credentials.")
        ErrorRule.AmbiguousCode(AuthFailureCause.InvalidKey, "invalid_key"),
        ErrorRule.Phrase(AuthFailureCause.InvalidKey, "invalid api key", "invalid apikey", "incorrect api key", "invalid x-api-key", "api key not valid", "api key is invalid", "unknown api key", "invalid credentials", "bad credentials", "invalid subscription key", "invalid bearer token", "invalid access token", "invalid proxy server token", "invalid username or password", "invalid api token", "invalid client credentials", "invalid client secret", "无效的令牌", "令牌无效"),
        // Zhipu BigModel error codes (open.bigmodel.cn/dev/api/error-code/service-error): 1000 身份验证失败 (authentication failed),
        // 1002 Authorization Token非法 (token not valid).
        ErrorRule.Hint(AuthFailureCause.InvalidKey, "身份验证失败", "Token非法", "invalid_api_key", "invalid token", "authentication fails", "authentication failed", "invalid authentication", "revoked", "key is invalid", " is invalid", "provided is invalid", "invalid key", "user not found", "no such user", "unauthenticated"),
    ];
}
