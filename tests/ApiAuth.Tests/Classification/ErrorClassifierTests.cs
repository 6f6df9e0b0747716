using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>The pure classifier over every body shape issue 3 names, with crafted bodies (the corpus has the recorded ones).</summary>
public sealed class ErrorClassifierTests
{
    private static readonly string OpenAIKey = TestKeys.OpenAIProject();

    public static TheoryData<string, int, string, string?, AuthFailureCause, string?> Shapes => new()
    {
        // profile, status, body, content type, cause, error code
        { "openai", 401, """{"error":{"message":"Incorrect API key provided: sk-proj-****abcd.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", "application/json", AuthFailureCause.InvalidKey, "invalid_api_key" },
        { "openai-compatible", 401, """{"error":"Invalid API key"}""", "application/json", AuthFailureCause.InvalidKey, null },
        { "openrouter", 401, """{"error":{"message":"No auth credentials found","code":401}}""", "application/json", AuthFailureCause.MissingKey, "401" },
        { "generic", 401, """{"detail":"Invalid token"}""", "application/json", AuthFailureCause.InvalidKey, null },
        { "generic", 401, """{"message":"Invalid API key"}""", "application/json", AuthFailureCause.InvalidKey, null },
        { "anthropic", 401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_1"}""", "application/json", AuthFailureCause.InvalidKey, "authentication_error" },
        { "anthropic", 403, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}""", "application/json", AuthFailureCause.InsufficientPermissions, "permission_error" },
        { "gemini", 400, """[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}]""", "application/json", AuthFailureCause.InvalidKey, "API_KEY_INVALID" },
        { "gemini", 400, """{"error":{"code":400,"message":"API key expired. Please renew the API key.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}""", "application/json", AuthFailureCause.ExpiredCredential, "API_KEY_INVALID" },
        { "gemini", 403, """{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity).","status":"PERMISSION_DENIED"}}""", "application/json", AuthFailureCause.MissingKey, "PERMISSION_DENIED" },
        { "azure-openai", 401, """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}""", "application/json", AuthFailureCause.WrongEndpoint, "401" },
        { "azure-openai", 403, """{"error":{"code":"AuthenticationTypeDisabled","message":"Key based authentication is disabled for this resource."}}""", "application/json", AuthFailureCause.AccountDisabled, "AuthenticationTypeDisabled" },
        { "azure-openai", 401, """{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}""", "application/json", AuthFailureCause.Unknown, null },
        { "generic", 401, """{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." }""", "application/json", AuthFailureCause.InvalidKey, null },
        { "generic", 401, """{"error":{"message":"无效的令牌 (request id: 2025X)","type":"new_api_error","code":""}}""", "application/json", AuthFailureCause.InvalidKey, "new_api_error" },
        { "generic", 401, """{"error":{"message":"该令牌已过期 (request id: 2025X)","type":"one_api_error"}}""", "application/json", AuthFailureCause.ExpiredCredential, "one_api_error" },
        { "generic", 401, """{"error":{"message":"Authentication Error, Invalid proxy server token passed. valid_token=None.","type":"auth_error","param":"None","code":"401"}}""", "application/json", AuthFailureCause.InvalidKey, "auth_error" },
        { "generic", 401, """{"error":"Unauthorized"}""", "application/json", AuthFailureCause.Unknown, null },
        { "generic", 401, """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Unauthorized","status":401,"detail":"Invalid API key"}""", "application/problem+json", AuthFailureCause.InvalidKey, null },
        { "generic", 401, "<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>", "text/html", AuthFailureCause.Unknown, null },
        { "generic", 401, """{"message":"Unauthorized"}""", "application/json", AuthFailureCause.Unknown, null },
        { "generic", 401, "Invalid API key\n", "text/plain", AuthFailureCause.InvalidKey, null },
        { "generic", 401, "Jwt is expired", "text/plain", AuthFailureCause.ExpiredCredential, null },
        { "generic", 403, "RBAC: access denied", "text/plain", AuthFailureCause.InsufficientPermissions, null },
        { "generic", 401, """{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}""", "application/json", AuthFailureCause.InvalidKey, "oauth.v2.InvalidApiKey" },
        { "generic", 401, """{"code": "unauthorized", "message": "Authorization header must be provided and start with 'Bearer'", "status": 401}""", "application/json", AuthFailureCause.MalformedAuthorizationHeader, "unauthorized" },
        { "groq", 400, """{"error":{"message":"Organization has been restricted.","type":"invalid_request_error","code":"organization_restricted"}}""", "application/json", AuthFailureCause.AccountDisabled, "organization_restricted" },
        { "deepseek", 401, """{"error":{"message":"Authentication Fails, Your api key: ****7e2a is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}}""", "application/json", AuthFailureCause.InvalidKey, "authentication_error" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Classify_BodyShape_FindsCauseAndCode(string profileId, int status, string body, string? contentType, AuthFailureCause cause, string? errorCode)
    {
        AuthFailure? failure = Classify(profileId, status, body, contentType);

        Assert.NotNull(failure);
        Assert.Equal(cause, failure.Cause);
        Assert.Equal(errorCode, failure.ErrorCode);
        Assert.Equal(profileId, failure.Provider);
        Assert.True(failure.RequestWasSent);
    }

    public static TheoryData<string, int, string> NotAboutAuth => new()
    {
        { "openai", 400, """{"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}""" },
        { "openai", 403, """{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","type":"request_forbidden"}}""" },
        { "openai", 400, """{"error":{"message":"We could not parse the JSON body of your request.","type":"invalid_request_error","param":null,"code":null}}""" },
        { "gemini", 400, """{"error":{"code":400,"message":"User location is not supported for the API use.","status":"FAILED_PRECONDITION"}}""" },
        { "anthropic", 403, """{"error":{"type":"forbidden","message":"Request not allowed"}}""" },
        { "anthropic", 400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}""" },
        { "generic", 401, """{"error":{"message":"该令牌额度已用尽 (request id: 1)","type":"new_api_error"}}""" },
        { "generic", 403, "error code: 1020" },
        { "generic", 403, "<html><head><title>403 Forbidden</title></head><body></body></html>" },
        { "generic", 403, """{"title":"You do not have enough credit.","detail":"Your current balance is 30, but that costs 50."}""" },
        { "generic", 403, """{"message":"This feature is not available on the free plan."}""" },
        { "generic", 400, """{"error":"missing field `messages`"}""" },
        { "openai", 429, """{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}""" },
        { "openai", 500, """{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}""" },
        { "openai", 200, """{"ok":true}""" },
    };

    [Theory]
    [MemberData(nameof(NotAboutAuth))]
    public void Classify_NotAboutAuth_ReturnsNull(string profileId, int status, string body)
    {
        Assert.Null(Classify(profileId, status, body, "application/json"));
    }

    public static TheoryData<string, string, AuthFailureCause> Echoes => new()
    {
        // profile, echoed value in "Incorrect API key provided: <echo>.", cause
        { "openai", "sk-or-v1*****************c3e7", AuthFailureCause.WrongProviderKey },
        { "openai", "sk-ant-a***************Tq9A", AuthFailureCause.WrongProviderKey },
        { "openai", "gsk_abc*************wxyz", AuthFailureCause.WrongProviderKey },
        { "xai", "gs***Vk", AuthFailureCause.WrongProviderKey },
        { "xai", "xa***Vk", AuthFailureCause.InvalidKey },
        { "openai", "undefined", AuthFailureCause.PlaceholderKey },
        { "openai", "${OPENAI_API_KEY}", AuthFailureCause.PlaceholderKey },
        { "openai", "OPENAI_API_KEY", AuthFailureCause.PlaceholderKey },
        { "openai", "YO***RE", AuthFailureCause.PlaceholderKey },
        { "openai", "sk-xxxxxxxx", AuthFailureCause.PlaceholderKey },
        { "openai", "\"sk-KpWz*******9xT\"", AuthFailureCause.MalformedKey },
        { "openai", "${sk-7uQ**********4bN}", AuthFailureCause.MalformedKey },
        { "openai", "https://**********mF2q", AuthFailureCause.MalformedKey },
        { "openai", "sk-proj-*************Qz7B", AuthFailureCause.InvalidKey },
        { "openai", "sk-Hq3Zt*************p8Rw", AuthFailureCause.InvalidKey },

        // Relays and gateways accept many vendors' keys: an echo of one is not a wrong-provider key there.
        { "generic", "sk-ant-a***************Tq9A", AuthFailureCause.InvalidKey },
        { "openai-compatible", "sk-or-v1*****************c3e7", AuthFailureCause.InvalidKey },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public void Classify_EchoedKey_SharpensCause(string profileId, string echo, AuthFailureCause cause)
    {
        string body = $$$"""{"error":{"message":"Incorrect API key provided: {{{echo.Replace("\"", "\\\"", StringComparison.Ordinal)}}}. You can find your API key at https://example.test.","type":"invalid_request_error","code":"invalid_api_key"}}""";

        AuthFailure? failure = Classify(profileId, 401, body, "application/json");

        Assert.NotNull(failure);
        Assert.Equal(cause, failure.Cause);
        Assert.DoesNotContain("{Detail}", failure.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_WrongProviderEcho_RemediationNamesVendorAndDoesNotClaimNotSent()
    {
        AuthFailure? failure = Classify("openai", 401, """{"error":{"message":"Incorrect API key provided: sk-ant-a*********Tq9A.","code":"invalid_api_key"}}""", "application/json");

        Assert.NotNull(failure);
        Assert.Contains("Anthropic", failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("not sent", failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"", AuthFailureCause.ExpiredCredential)]
    [InlineData("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token is malformed\"", AuthFailureCause.InvalidKey)]
    [InlineData("Bearer error=\"invalid_token\"", AuthFailureCause.InvalidKey)]
    [InlineData("Bearer realm=\"example\", error=\"insufficient_scope\", scope=\"model.request\"", AuthFailureCause.InsufficientPermissions)]
    public void Classify_WwwAuthenticateChallenge_ReadsRfc6750Error(string challenge, AuthFailureCause cause)
    {
        int status = cause == AuthFailureCause.InsufficientPermissions ? 403 : 401;

        AuthFailure? failure = Classify("generic", status, string.Empty, null, ("WWW-Authenticate", challenge));

        Assert.NotNull(failure);
        Assert.Equal(cause, failure.Cause);
    }

    [Fact]
    public void Classify_BareBearerChallengeNoKeySent_IsMissingKey()
    {
        AuthFailure? failure = Classify("generic", 401, string.Empty, null, sent: default, headers: ("WWW-Authenticate", "Bearer realm=\"example\""));

        Assert.NotNull(failure);
        Assert.Equal(AuthFailureCause.MissingKey, failure.Cause);
    }

    [Fact]
    public void Classify_ServerSaysNoKeyButOneWasSentToUnknownHost_IsWrongHeaderName()
    {
        AuthFailure? failure = Classify("generic", 401, """{"message":"No API key found in request"}""", "application/json");

        Assert.NotNull(failure);
        Assert.Equal(AuthFailureCause.WrongHeaderName, failure.Cause);
        Assert.Contains("apikey", failure.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UnknownFailureNoKeySent_IsMissingKey()
    {
        AuthFailure? failure = Classify("openai", 401, """{"error":{"message":"Invalid authorization header","code":null}}""", "application/json", sent: default);

        Assert.NotNull(failure);
        Assert.Equal(AuthFailureCause.MissingKey, failure.Cause);
    }

    [Theory]
    [InlineData("x-request-id", "req_header")]
    [InlineData("x-amzn-requestid", "aws-1")]
    [InlineData("x-kong-request-id", "kong-1")]
    [InlineData("x-oneapi-request-id", "oneapi-1")]
    public void Classify_RequestIdHeader_IsReported(string header, string id)
    {
        AuthFailure? failure = Classify("generic", 401, """{"message":"Unauthorized"}""", "application/json", (header, id));

        Assert.Equal(id, failure?.RequestId);
    }

    [Theory]
    [InlineData("""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_body"}""", "req_body")]
    [InlineData("""{"message":"Unauthorized","request_id":"5e3e821e"}""", "5e3e821e")]
    [InlineData("""{"error":{"message":"无效的令牌 (request id: 20251234abc)","type":"new_api_error"}}""", "20251234abc")]
    public void Classify_RequestIdInBody_IsReported(string body, string id)
    {
        AuthFailure? failure = Classify("generic", 401, body, "application/json");

        Assert.Equal(id, failure?.RequestId);
    }

    [Fact]
    public void Classify_ProviderHeaderAndBodyId_PrefersProviderHeader()
    {
        AuthFailure? failure = Classify("anthropic", 401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_body"}""", "application/json", ("request-id", "req_header"), ("cf-ray", "ray"));

        Assert.Equal("req_header", failure?.RequestId);
    }

    [Fact]
    public void Classify_ServerEchoesWholeKey_MessageIsRedacted()
    {
        string body = $$$"""{"error":{"message":"Incorrect API key provided: {{{OpenAIKey}}}.","code":"invalid_api_key"}}""";

        AuthFailure? failure = Classify("openai", 401, body, "application/json");

        Assert.NotNull(failure);
        Assert.DoesNotContain(OpenAIKey, failure.ServerMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAIKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAIKey, failure.Remediation, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileBodies => new()
    {
        // A 401 whose body cannot be read as its provider's error shape (even one that starts like a real answer) is Unknown: no crash, no guess.
        new TheoryDataRow<string>("""{"error":{"message":"Incorrect API key provided: sk-ab""") { Label = "truncated json" },
        new TheoryDataRow<string>(new string('[', 5000) + new string(']', 5000)) { Label = "deep nesting" },
        new TheoryDataRow<string>("""{"error":{"message":{"nested":[1,2,3]},"code":[true]}}""") { Label = "wrong type" },
        new TheoryDataRow<string>(Encoding.Latin1.GetString([0, 1, 2, 3, 255, 254, 0x1b, 0x7f, 0, 0, 0, 9])) { Label = "binary" },
        new TheoryDataRow<string>("{\"error\":\"" + new string('a', 200_000) + "\"}") { Label = "huge" },
        new TheoryDataRow<string>(" \r\n\t ") { Label = "only whitespace" },
        new TheoryDataRow<string>("{\"error\":\"\u00ff\u00fe\"}") { Label = "invalid utf-8 in string" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void Classify_HostileBody_UnknownNotCrash(string body)
    {
        AuthFailure? failure = Classify("openai", 401, body, "application/json");

        Assert.NotNull(failure);
        Assert.Equal(AuthFailureCause.Unknown, failure.Cause);
        Assert.False(string.IsNullOrWhiteSpace(failure.Remediation));
        Assert.True(failure.ServerMessage is null || failure.ServerMessage.Length <= SecretRedactor.MaxMessageLength);
    }

    private static AuthFailure? Classify(string profileId, int status, string body, string? contentType, params (string Name, string Value)[] headers) =>
        Classify(profileId, status, body, contentType, new SentCredential { HeaderValue = "Bearer " + OpenAIKey, KeyOffset = 7 }, headers);

    private static AuthFailure? Classify(string profileId, int status, string body, string? contentType, SentCredential sent, params (string Name, string Value)[] headers)
    {
        Assert.True(ProviderRegistry.Default.TryGet(profileId, out ProviderProfile profile));
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return ErrorClassifier.Classify(profile, response, Encoding.UTF8.GetBytes(body), sent, "api.example.test");
    }
}
