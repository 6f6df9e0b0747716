using System.Net;
using System.Text;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Issue 14, classes 1 and 4, for the infrastructure in front of APIs: gateways' and token servers' own wording (Kong, Tyk,
/// AWS API Gateway, NHN Cloud, WSO2, Microsoft Entra, Deepgram, Zhipu, LiteLLM) and their body and challenge shapes read
/// leniently (OAuth <c>{"error":"invalid_client"}</c>, a challenge with a stray comma), through the real handler on both
/// doors. The wording is written afresh from each gateway's documented messages, not copied from the corpus; each rule also
/// has cases that must pass through untouched: quoted, not leading, or from a named provider.
/// </summary>
public sealed class GatewayWordingTests
{
    private const string Gateway = "gw.example.com";

    public static TheoryData<bool> Doors => new() { false, true };

    public static TheoryData<int, string, string?, AuthFailureCause> GatewayAnswers => new()
    {
        // Kong acl plugin: the consumer was recognised, its group is not allowed.
        { 403, """{"message":"You cannot consume this service"}""", null, AuthFailureCause.InsufficientPermissions },
        // Kong jwt plugin: "Bad token; " .. the decode error (here another one than the corpus records).
        { 401, """{"message":"Bad token; invalid alg"}""", null, AuthFailureCause.MalformedKey },
        { 403, """{"message":"Invalid signature"}""", null, AuthFailureCause.InvalidKey },
        { 403, """{"message":"No credentials found for given 'kid'"}""", null, AuthFailureCause.InvalidKey },
        { 401, """{"message":"Multiple tokens provided"}""", null, AuthFailureCause.MalformedAuthorizationHeader },
        // Kong jwt plugin: registered-claim errors are the body itself.
        { 401, """{"nbf":"token expired"}""", null, AuthFailureCause.ExpiredCredential },
        // Tyk gateway messages.
        { 403, """{"error":"Key not authorised"}""", null, AuthFailureCause.InvalidKey },
        { 401, """{"error":"Key not authorized: Unexpected signing method"}""", null, AuthFailureCause.InvalidKey },
        { 403, """{"error":"Key not authorized: no matching policy"}""", null, AuthFailureCause.InsufficientPermissions },
        { 403, """{"error":"Access to this API has been disallowed"}""", null, AuthFailureCause.Unknown },
        { 400, """{"error":"Bearer token malformed"}""", null, AuthFailureCause.MalformedAuthorizationHeader },
        // NHN Cloud API Gateway: {"header":{"resultCode":…,"resultMessage":…}}.
        { 401, """{"header":{"resultCode":20002,"resultMessage":"20002 JWT authentication failed (Exceeded expiration time)","isSuccessful":false}}""", null, AuthFailureCause.ExpiredCredential },
        { 401, """{"header":{"resultCode":20001,"resultMessage":"20001 HMAC authentication failed (Invalid signature)","isSuccessful":false}}""", null, AuthFailureCause.InvalidKey },
        // AWS API Gateway: the ACCESS_DENIED gateway response, and a non-SigV4 header on an IAM route (code in x-amzn-errortype).
        { 403, """{"Message":"User is not authorized to access this resource"}""", "AccessDeniedException", AuthFailureCause.InsufficientPermissions },
        { 403, """{"message":"Authorization header requires 'Credential' parameter."}""", "IncompleteSignatureException", AuthFailureCause.MalformedAuthorizationHeader },
        // LiteLLM proxy: the key arrived without its Bearer scheme.
        { 401, """{"error":{"message":"Authentication Error, Malformed API Key passed in. Ensure Key has `Bearer ` prefix.","type":"auth_error","param":"None","code":"401"}}""", null, AuthFailureCause.MalformedAuthorizationHeader },
        // Deepgram: err_code / err_msg.
        { 400, """{"err_code":"BAD_REQUEST","err_msg":"Invalid credentials."}""", null, AuthFailureCause.InvalidKey },
        { 401, """{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}""", null, AuthFailureCause.InvalidKey },
        // Zhipu BigModel 1000: authentication failed.
        { 401, """{"error":{"code":"1000","message":"身份验证失败。"}}""", null, AuthFailureCause.InvalidKey },
        // Microsoft Entra token endpoint: AADSTS codes lead the description; evidence at 400 too.
        { 401, """{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app 'x' are expired."}""", null, AuthFailureCause.ExpiredCredential },
        { 400, """{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app 'x' are expired."}""", null, AuthFailureCause.ExpiredCredential },
        { 401, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}""", null, AuthFailureCause.InvalidKey },
    };

    [Theory]
    [MemberData(nameof(GatewayAnswers))]
    public async Task GatewayWording_NamesTheCause_OnBothDoors_Issue14(int status, string body, string? awsErrorType, AuthFailureCause expected)
    {
        (string, string)[] headers = awsErrorType is null ? [] : [("x-amzn-errortype", awsErrorType)];
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client(Gateway, status, body, headers);
            string key = TestKeys.Body(32);
            AuthFailure failure = await Fails(client, sync, "Bearer " + key);

            Assert.Equal(expected, failure.Cause);
            Assert.Equal((HttpStatusCode)status, failure.StatusCode);
            Assert.False(string.IsNullOrEmpty(failure.KeyHint));
            Assert.DoesNotContain(key, failure.Remediation, StringComparison.Ordinal);
            Assert.DoesNotContain("{", failure.Remediation, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(401, "invalid_client")]
    [InlineData(400, "invalid_client")]
    [InlineData(403, "unauthorized_client")]
    public async Task TokenEndpointErrorBody_RootErrorIsTheCode_IsInvalidKey_Issue14(int status, string code)
    {
        string body = "{\"error\":\"" + code + "\",\"error_description\":\"Client authentication failed\"}";
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client("sso.example.com", status, body);
            AuthFailure failure = await Fails(client, sync, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("app:" + TestKeys.Body(24))));

            Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
            Assert.Equal(code, failure.ErrorCode);
            Assert.Equal("Client authentication failed", failure.ServerMessage);
        }
    }

    [Theory]
    [InlineData("""{"error":"invalid_token","error_description":"Token invalid or expired"}""", null)]
    [InlineData("""{"message":"JWT rejected","error":"invalid_token","error_description":"The access token is invalid or has expired"}""", null)]
    [InlineData("""{"statusCode":401}""", "Bearer, error=\"invalid_token\", error_description=\"Expired or invalid access token\"")]
    [InlineData("""{"error":{"code":"401","message":"令牌无效或已过期"}}""", null)]
    public async Task WordingThatNamesTwoCauses_StaysUnknown_EvenOverACode_Issue14(string body, string? challenge)
    {
        (string, string)[] headers = challenge is null ? [] : [("WWW-Authenticate", challenge)];
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client(Gateway, 401, body, headers);
            AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Body(40));

            Assert.Equal(AuthFailureCause.Unknown, failure.Cause);
            Assert.Contains("without saying which", failure.Remediation, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task OneCauseNamed_NextToACode_StillPicksIt_Issue14(bool sync)
    {
        // The contrast to the case above: one cause named outright is that cause.
        using TestClient client = Client(Gateway, 401, """{"error":"invalid_token","error_description":"The access token has expired"}""");
        AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Body(40));

        Assert.Equal(AuthFailureCause.ExpiredCredential, failure.Cause);
        Assert.Equal("invalid_token", failure.ErrorCode);
    }

    [Theory]
    [InlineData(401, "Bearer, error=\"invalid_token\", error_description=\"The access token expired\"", AuthFailureCause.ExpiredCredential, "invalid_token")]
    [InlineData(403, "Bearer realm=\"service\" error=\"insufficient_scope\" error_description=\"needs models.write\"", AuthFailureCause.InsufficientPermissions, "insufficient_scope")]
    public async Task ChallengeWithStraySeparators_IsReadLeniently_Issue14(int status, string challenge, AuthFailureCause expected, string code)
    {
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client(Gateway, status, string.Empty, ("WWW-Authenticate", challenge));
            AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Body(40));

            Assert.Equal(expected, failure.Cause);
            Assert.Equal(code, failure.ErrorCode);
        }
    }

    // ---- must not fire: the words alone, quoted, trailing, or from a named provider ----

    [Theory]
    [InlineData(Gateway, 400, """{"error":{"message":"Tool output was 'Key not authorised' from the weather API.","type":"invalid_request_error"}}""")]
    [InlineData(Gateway, 403, """{"message":"The uploaded document could not be processed because of an invalid signature block."}""")]
    [InlineData(Gateway, 400, """{"message":"Request rejected by the content filter: the text says 'You cannot consume this service'."}""")]
    [InlineData(Gateway, 400, """{"error":"invalid_request","error_description":"The 'model' parameter is required"}""")]
    [InlineData(Gateway, 400, """{"message":"Bad token count in the prompt; max 4096"}""")]
    [InlineData(Gateway, 400, """{"err_code":"BAD_REQUEST","err_msg":"Unsupported audio encoding."}""")]
    [InlineData(Gateway, 403, """{"header":{"resultCode":-1,"resultMessage":"The request was blocked by the IP ACL","isSuccessful":false}}""")]
    [InlineData("api.openai.com", 403, """{"error":{"message":"Key not authorised","type":"invalid_request_error","code":null}}""")]
    [InlineData("api.openai.com", 400, """{"error":{"message":"Invalid signature","type":"invalid_request_error","code":null}}""")]
    public async Task GatewayWordingWithoutEvidence_At400Or403_PassesThroughUntouched_Issue14(string host, int status, string body)
    {
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client(host, status, body);
            string credential = host == "api.openai.com" ? TestKeys.OpenAIProject() : TestKeys.Body(40);
            using HttpResponseMessage response = await client.SendAsync(sync, Request("https://" + host + "/v1/x", "Authorization", "Bearer " + credential));

            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.False(response.TryGetAuthFailure(out _));
            Assert.Equal(body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task SchemeOnlyAuthorization_RefusedBeforeSending_HasNoKeyHint_Issue14(bool sync)
    {
        // "Authorization: Bearer $KEY" with the variable unset: no key was sent, so there is nothing to hint at.
        var stub = RecordingHandler.Answering(HttpStatusCode.OK, "{}", "application/json");
        using var client = new TestClient(stub, baseAddress: "https://generativelanguage.googleapis.com/");
        using HttpRequestMessage request = Request("https://generativelanguage.googleapis.com/v1beta/openai/chat/completions", "Authorization", "Bearer");
        ApiAuthException e = sync
            ? Assert.Throws<ApiAuthException>(() => client.Client.Send(request))
            : await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));

        Assert.Equal(AuthFailureCause.MissingKey, e.Failure.Cause);
        Assert.False(e.Failure.RequestWasSent);
        Assert.Null(e.Failure.KeyHint);
        Assert.Empty(stub.Requests);
    }

    // ---- the body shapes, read directly ----

    [Theory]
    [InlineData("invalid_client", true)]
    [InlineData("unauthorized_client", true)]
    [InlineData("insufficient_scope", true)]
    [InlineData("invalid_grant2", true)]
    [InlineData("Unauthorized", false)]
    [InlineData("unauthorized", false)]
    [InlineData("Key not authorised", false)]
    [InlineData("invalid_", false)]
    [InlineData("_invalid", false)]
    [InlineData("Invalid_Client", false)]
    [InlineData("invalid-client", false)]
    public void IsCodeToken_OnlyOAuthStyleCodes_Issue14(string value, bool expected)
    {
        Assert.Equal(expected, GatewayBodyShapes.IsCodeToken(value));
    }

    [Fact]
    public void ReadFacts_WhatTheParserFound_IsNeverOverwritten_Issue14()
    {
        // A body with its own code and message keeps them: the shapes only fill what is empty.
        ErrorFacts facts = Facts(401, """{"error":"invalid_client","code":"tenant_locked","message":"Tenant is locked","err_msg":"other","exp":"token expired"}""");

        Assert.Equal("tenant_locked", facts.Code);
        Assert.Equal("Tenant is locked", facts.Message);
    }

    [Fact]
    public void ReadFacts_TruncatedBody_KeepsWhatWasRead_Issue14()
    {
        ErrorFacts facts = Facts(401, """{"fault":{"code":900901,"message":"Invalid Credentials","description":"Make sure""");

        Assert.Equal("900901", facts.Code);
        Assert.Equal("Invalid Credentials", facts.Message);
    }

    [Theory]
    [InlineData("""{"error":"invalid_client","err_msg":"\uDFFF broken"}""", "invalid_client", "invalid_client")]
    [InlineData("""{"exp":"\uD800","error":"invalid_token"}""", null, null)]
    [InlineData("""{"fault":{"code":900901,"message":"\uDFFF"}}""", "900901", null)]
    public void ReadFacts_UndecodableString_KeepsWhatWasReadBeforeIt_Issue14(string body, string? code, string? message)
    {
        // Found by the offline classifier fuzz (ApiAuth.Hardening.Tests): a lone surrogate escape makes GetString throw.
        // (The first body's message is the parser's own reading of the root "error" string.)
        ErrorFacts facts = Facts(401, body);

        Assert.Equal(code, facts.Code);
        Assert.Equal(message, facts.Message);
    }

    [Fact]
    public void ReadFacts_DeepNesting_IsSkippedNotRead_Issue14()
    {
        // Only the root and one level below it are read: a code three levels down is someone else's (an echoed payload).
        ErrorFacts facts = Facts(401, """{"data":{"inner":{"error":"invalid_client","err_msg":"Invalid credentials."}}}""");

        Assert.Null(facts.Code);
        Assert.Null(facts.Message);
    }

    // ---- helpers ----

    private static ErrorFacts Facts(int status, string body)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return ErrorClassifier.ReadFacts(response, Encoding.UTF8.GetBytes(body));
    }

    private static TestClient Client(string host, int status, string body, params (string, string)[] headers) =>
        new(RecordingHandler.Answering((HttpStatusCode)status, body, "application/json", headers), baseAddress: "https://" + host + "/v1/");

    private static HttpRequestMessage Request(string uri, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static async Task<AuthFailure> Fails(TestClient client, bool sync, string authorization)
    {
        using HttpRequestMessage request = Request(client.Client.BaseAddress + "x", "Authorization", authorization);
        ApiAuthException e = sync
            ? Assert.Throws<ApiAuthException>(() => client.Client.Send(request))
            : await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));
        Assert.True(e.Failure.RequestWasSent);
        return e.Failure;
    }
}
