using System.Net;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Issue 14: once a response is an authentication failure, which cause it is comes from what the server said (wording that
/// names its cause, the standards' challenge parameters) and from what ApiAuth saw leave (the credential's form, a token's
/// claims, the path) — through the real handler, on both doors. Each class also has a case that must stay as it was: the
/// words never make a 400/403 an auth failure by themselves.
/// </summary>
public sealed class ServerSaidTests
{
    private const string OpenAI = "https://api.openai.com/v1/";

    public static TheoryData<bool> Doors => new() { false, true };

    // ---- 1. A message that names its cause wins ----

    [Theory]
    [InlineData("generativelanguage.googleapis.com", 403, """{"error":{"code":403,"message":"Your API key was reported as leaked. Please use another API key.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_SERVICE_BLOCKED","domain":"googleapis.com"}]}}""", false)]
    [InlineData("translation.googleapis.com", 403, """{"error":{"code":403,"message":"Your API key was reported as leaked. Please use another API key.","status":"PERMISSION_DENIED"}}""", true)]
    [InlineData("api.openai.com", 401, """{"error":{"message":"This API key was detected as leaked and has been disabled.","type":"invalid_request_error","code":"invalid_api_key"}}""", false)]
    public async Task LeakedKeyWording_IsInvalidKey_WithTheLeakRemediation_Issue14(string host, int status, string body, bool sync)
    {
        using TestClient client = Client(host, status, body);
        AuthFailure failure = await Fails(client, sync, Bearer(host));

        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
        Assert.Contains("leaked", failure.Remediation, StringComparison.Ordinal);
        Assert.Contains("apiauth doctor", failure.Remediation, StringComparison.Ordinal);
        Assert.NotNull(failure.KeyHint);
    }

    [Theory]
    [InlineData(401, """{"detail":"Session expired"}""", AuthFailureCause.ExpiredCredential)]
    [InlineData(401, """{"error":{"message":"Your token has expired. Sign in again.","code":"invalid_api_key"}}""", AuthFailureCause.ExpiredCredential)]
    [InlineData(401, """{"message":"token is no longer valid"}""", AuthFailureCause.ExpiredCredential)]
    [InlineData(401, """{"error":"invalid api token"}""", AuthFailureCause.InvalidKey)]
    [InlineData(401, """{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Invalid client credentials"}""", AuthFailureCause.InvalidKey)]
    [InlineData(401, """{"error":{"message":"This account has been disabled for violation of our Terms of Service.","code":"invalid_api_key"}}""", AuthFailureCause.AccountDisabled)]
    [InlineData(401, """{"error":"Your account is suspended"}""", AuthFailureCause.AccountDisabled)]
    public async Task WordingThatNamesItsCause_PicksTheCause_Issue14(int status, string body, AuthFailureCause expected)
    {
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client("api.example.com", status, body);
            AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Body(40));
            Assert.Equal(expected, failure.Cause);
        }
    }

    [Theory]
    [InlineData("openai", """{"error":{"message":"Your organization has been disabled. If you believe your key was leaked, contact support.","type":"invalid_request_error","code":"organization_disabled"}}""", AuthFailureCause.AccountDisabled)]
    [InlineData("generic", """{"error":{"message":"Unauthorized. If your session expired, sign in again.","code":"invalid_api_key"}}""", AuthFailureCause.InvalidKey)]
    [InlineData("generic", """{"error":{"message":"Invalid API key (keys that were leaked are revoked automatically).","code":"invalid_api_key"}}""", AuthFailureCause.InvalidKey)]
    [InlineData("generic", """{"error":{"message":"Rejected: 'the key was leaked' is not a valid reason.","code":"invalid_api_key"}}""", AuthFailureCause.InvalidKey)]
    public void CauseWording_QuotedConditionalOrAgainstASpecificCode_DoesNotPickTheCause_RedTeam14(string provider, string body, AuthFailureCause expected)
    {
        AuthFailure? failure = Offline(provider, 401, body, sentKey: TestKeys.OpenAIProject());

        Assert.Equal(expected, failure?.Cause);
        Assert.DoesNotContain("apiauth doctor", failure!.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"Your prompt mentions a leaked API key and a session expired banner.","type":"invalid_request_error","code":null}}""")]
    [InlineData(403, """{"error":"Account suspended"}""")]
    [InlineData(400, """{"message":"The uploaded token has expired; upload the file again."}""")]
    public async Task CauseWording_NeverMakesA400Or403AnAuthFailure_Issue14(int status, string body)
    {
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client("api.example.com", status, body);
            using HttpResponseMessage response = await client.SendAsync(sync, Request("https://api.example.com/v1/x", "Authorization", "Bearer " + TestKeys.Body(40)));
            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.False(response.TryGetAuthFailure(out _));
            Assert.Equal(body, await response.Content.ReadAsStringAsync());
        }
    }

    // ---- 3. Use what was sent ----

    private const string AzureAmbiguous = """{"error":{"code":"401","message":"Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}}""";

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AzureAmbiguous401_KeySentAsBearerOnDeploymentRoute_IsWrongHeaderName_Issue14(bool sync)
    {
        using TestClient client = Client("myres.openai.azure.com", 401, AzureAmbiguous);
        AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Azure(), "https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");

        Assert.Equal(AuthFailureCause.WrongHeaderName, failure.Cause);
        Assert.Contains("api-key", failure.Remediation, StringComparison.Ordinal);
        Assert.NotNull(failure.KeyHint);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AzureAmbiguous401_KeySentAsBearerOnV1Route_IsInvalidKey_Issue14(bool sync)
    {
        using TestClient client = Client("myres.openai.azure.com", 401, AzureAmbiguous);
        AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Azure(), "https://myres.openai.azure.com/openai/v1/chat/completions");

        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AzureAmbiguous401_TokenJustExpired_IsExpiredCredential_Issue14(bool sync)
    {
        // Expired a minute ago: inside the clock skew the pre-send check allows, so it is sent; the server's answer and the
        // token's own exp claim together say why it failed.
        using TestClient client = Client("myres.openai.azure.com", 401, AzureAmbiguous);
        AuthFailure failure = await Fails(client, sync, "Bearer " + Jwt("https://cognitiveservices.azure.com", DateTimeOffset.UtcNow.AddMinutes(-1)), "https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions");

        Assert.Equal(AuthFailureCause.ExpiredCredential, failure.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AzureAmbiguous401_TokenForAnotherAudience_IsWrongEndpointNamingTheScope_Issue14(bool sync)
    {
        using TestClient client = Client("myres.openai.azure.com", 401, AzureAmbiguous);
        AuthFailure failure = await Fails(client, sync, "Bearer " + Jwt("https://management.azure.com/", DateTimeOffset.UtcNow.AddHours(1)), "https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions");

        Assert.Equal(AuthFailureCause.WrongEndpoint, failure.Cause);
        Assert.Contains("https://cognitiveservices.azure.com/.default", failure.Remediation, StringComparison.Ordinal);
        Assert.Contains("management.azure.com", failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AzureAmbiguous401_ValidTokenForTheRightAudience_StaysUnknown_Issue14(bool sync)
    {
        // Nothing sent says which of the four it is: the answer keeps naming all four rather than guessing.
        using TestClient client = Client("myres.openai.azure.com", 401, AzureAmbiguous);
        AuthFailure failure = await Fails(client, sync, "Bearer " + Jwt("https://cognitiveservices.azure.com", DateTimeOffset.UtcNow.AddHours(1)), "https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions");

        Assert.Equal(AuthFailureCause.Unknown, failure.Cause);
    }

    [Fact]
    public void AzureAmbiguous401_NothingSent_IsMissingKey_Issue14()
    {
        Assert.Equal(AuthFailureCause.MissingKey, Offline("azure-openai", 401, AzureAmbiguous, sentKey: string.Empty)?.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task EntraWrongAudience_OnAnyHost_IsWrongEndpoint_WithKeyHint_Issue14(bool sync)
    {
        const string Body = """{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has been obtained for wrong audience or resource 'https://cognitiveservices.azure.com'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com/'."}}""";
        using TestClient client = Client("management.azure.com", 401, Body);
        AuthFailure failure = await Fails(client, sync, "Bearer " + Jwt("https://cognitiveservices.azure.com", DateTimeOffset.UtcNow.AddHours(1)), "https://management.azure.com/subscriptions/x/resourceGroups?api-version=2021-04-01");

        Assert.Equal(AuthFailureCause.WrongEndpoint, failure.Cause);
        Assert.NotNull(failure.KeyHint);
        Assert.DoesNotContain("No API key", failure.Remediation, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<sk-proj-********************abcd>")]
    [InlineData("<sk-ant-api03-…WXYZ>")]
    public void MaskedEchoOfARealKeyInAngleBrackets_IsMalformedKey_NotPlaceholder_Issue14(string echo)
    {
        AuthFailure? failure = Offline("openai", 401, """{"error":{"message":"Incorrect API key provided: ECHO. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","code":"invalid_api_key"}}""".Replace("ECHO", echo, StringComparison.Ordinal), sentKey: null);

        Assert.Equal(AuthFailureCause.MalformedKey, failure?.Cause);
        Assert.Contains("angle brackets", failure!.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void PlaceholderInAngleBrackets_StaysPlaceholderKey_Issue14()
    {
        AuthFailure? failure = Offline("openai", 401, """{"error":{"message":"Incorrect API key provided: <YOUR_API_KEY>.","type":"invalid_request_error","code":"invalid_api_key"}}""", sentKey: null);
        Assert.Equal(AuthFailureCause.PlaceholderKey, failure?.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task KeyInAHeaderTheProfileDoesNotOwn_GetsAKeyHint_AndNeverNoneSent_Issue14(bool sync)
    {
        // x-goog-api-key to a Google API outside the Gemini profile.
        const string Body = """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""";
        using TestClient client = Client("vision.googleapis.com", 400, Body);
        using HttpRequestMessage request = Request("https://vision.googleapis.com/v1/images:annotate", "x-goog-api-key", TestKeys.Google());
        ApiAuthException e = sync ? Assert.Throws<ApiAuthException>(() => client.Client.Send(request)) : await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));

        Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
        Assert.NotNull(e.Failure.KeyHint);
        Assert.DoesNotContain("none", e.Failure.Remediation, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("No API key", e.Failure.Remediation, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("xi-api-key")]
    [InlineData("x-apikey")]
    [InlineData("hibp-api-key")]
    [InlineData("key")]
    [InlineData("X-Access-Token")]
    public async Task KeyInAHeaderNoProfileOrCatalogKnows_GetsAKeyHint_NotMissingKey_Issue14(string header)
    {
        foreach (bool sync in new[] { false, true })
        {
            using TestClient client = Client("api.example.com", 401, """{"detail":{"status":"invalid_api_key","message":"Invalid API key"}}""");
            string key = TestKeys.Body(32, seed: 5);
            using HttpRequestMessage request = Request("https://api.example.com/v1/x", header, key);
            ApiAuthException e = sync ? Assert.Throws<ApiAuthException>(() => client.Client.Send(request)) : await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));

            Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
            Assert.Equal("invalid_api_key", e.Failure.ErrorCode);
            Assert.EndsWith(key[^4..], e.Failure.KeyHint, StringComparison.Ordinal);
            Assert.DoesNotContain(key, e.Failure.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Idempotency-Key")]
    [InlineData("X-Event-Key")]
    [InlineData("X-Routing-Key")]
    [InlineData("Lock-Token")]
    [InlineData("X-CSRF-Token")]
    [InlineData("x-ms-documentdb-partitionkey")]
    public async Task HeaderThatIsNotACredential_IsNeverTakenForOne_Issue14(string header)
    {
        using TestClient client = Client("api.example.com", 401, """{"message":"No API key provided"}""");
        using HttpRequestMessage request = Request("https://api.example.com/v1/x", header, TestKeys.Body(32));
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));

        Assert.Null(e.Failure.KeyHint);
        Assert.Equal(AuthFailureCause.MissingKey, e.Failure.Cause);
    }

    [Fact]
    public async Task KeyInAnUnknownHeader_ServerSaysNoneArrived_NamesTheHeaderItWasIn_Issue14()
    {
        using TestClient client = Client("api.example.com", 401, """{"message":"No API key provided"}""");
        using HttpRequestMessage request = Request("https://api.example.com/v1/x", "X-Custom-Api-Key", TestKeys.Body(32));
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));

        Assert.Equal(AuthFailureCause.WrongHeaderName, e.Failure.Cause);
        Assert.Contains("X-Custom-Api-Key", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization header", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task NvidiaKey_ToNvidiaAndToALocalServer_IsSent_RedTeam14(bool sync)
    {
        foreach (string uri in new[] { "https://integrate.api.nvidia.com/v1/chat/completions", "http://localhost:8000/v1/chat/completions" })
        {
            using var client = new TestClient(RecordingHandler.Answering(HttpStatusCode.OK, "{}"), baseAddress: uri);
            using HttpRequestMessage request = Request(uri, "Authorization", "Bearer nvapi-" + TestKeys.Body(64));
            using HttpResponseMessage response = await client.SendAsync(sync, request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("\"code_verifier required for this authorization code\"")]
    [InlineData("\"Missing required parameter: authorization_details\"")]
    public async Task InvalidRequestChallengeAboutAParameter_At400_PassesThrough_RedTeam14(string description)
    {
        using TestClient client = Client("api.example.com", 400, """{"message":"Bad request"}""", ("WWW-Authenticate", "Bearer error=\"invalid_request\", error_description=" + description));
        using HttpResponseMessage response = await client.SendAsync(false, Request("https://api.example.com/v1/x", "Authorization", "Bearer " + TestKeys.Body(40)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.TryGetAuthFailure(out _));
    }

    [Fact]
    public async Task HostileAudienceClaim_NeverReachesALogLineWithControlCharacters_RedTeam14()
    {
        using TestClient client = Client("myres.openai.azure.com", 401, """{"error":{"code":"401","message":"Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}}""");
        // JSON escapes in the claim: the decoded audience holds CR, LF, ESC and a right-to-left override.
        string token = JwtRaw("{\"aud\":\"https://evil\\r\\n[CRIT] forged\\u001b[31m\\u202e\",\"exp\":" + DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() + "}");
        AuthFailure failure = await Fails(client, false, "Bearer " + token, "https://myres.openai.azure.com/openai/deployments/x/chat/completions");

        Assert.Equal(AuthFailureCause.WrongEndpoint, failure.Cause);
        Assert.DoesNotContain('\r', failure.Remediation);
        Assert.DoesNotContain('\n', failure.Remediation);
        Assert.DoesNotContain('\u001b', failure.Remediation);
        Assert.DoesNotContain('\u202e', failure.Remediation);
        string logs = client.AllLogText();
        Assert.DoesNotContain('\r', logs);
        Assert.DoesNotContain('\u001b', logs);
        Assert.DoesNotContain("\n[CRIT]", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenListingTheRightAudienceAmongOthers_IsNotWrongEndpoint_RedTeam14()
    {
        using TestClient client = Client("myres.openai.azure.com", 401, """{"error":{"code":"401","message":"Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}}""");
        string token = JwtRaw("{\"aud\":[\"https://evil.example\",\"https://cognitiveservices.azure.com\"],\"exp\":" + DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() + "}");
        AuthFailure failure = await Fails(client, false, "Bearer " + token, "https://myres.openai.azure.com/openai/deployments/x/chat/completions");

        Assert.Equal(AuthFailureCause.Unknown, failure.Cause);
    }

    [Theory]
    [InlineData("nvapi-k3**********************************************************Qm7t", AuthFailureCause.WrongProviderKey)]
    [InlineData("claude", AuthFailureCause.MalformedKey)]
    [InlineData("gpt-4o-mini", AuthFailureCause.MalformedKey)]
    [InlineData("OPENAI_API_KEY", AuthFailureCause.PlaceholderKey)]
    public void EchoOfWhatWasSentInsteadOfAKey_IsNamed_Issue14(string echo, AuthFailureCause expected)
    {
        AuthFailure? failure = Offline("openai", 401, """{"error":{"message":"Incorrect API key provided: ECHO. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","code":"invalid_api_key"}}""".Replace("ECHO", echo, StringComparison.Ordinal), sentKey: null);
        Assert.Equal(expected, failure?.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task GoogleApiThatTakesNoApiKeys_IsWrongHeaderName_PointingAtOAuth_Issue14(bool sync)
    {
        const string Body = """{"error":{"code":401,"message":"API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal. See https://cloud.google.com/docs/authentication","status":"UNAUTHENTICATED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CREDENTIALS_MISSING","domain":"googleapis.com"}]}}""";
        using TestClient client = Client("aiplatform.googleapis.com", 401, Body);
        using HttpRequestMessage request = Request("https://aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent", "x-goog-api-key", TestKeys.Google());
        ApiAuthException e = sync ? Assert.Throws<ApiAuthException>(() => client.Client.Send(request)) : await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));

        Assert.Equal(AuthFailureCause.WrongHeaderName, e.Failure.Cause);
        Assert.Contains("OAuth", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task TokenForAnotherAudience_ByTheServersWordsOrTheHostsKnownAudience_IsWrongEndpoint_Issue14(bool sync)
    {
        string token = Jwt("https://management.azure.com", DateTimeOffset.UtcNow.AddHours(1));
        using (TestClient said = Client("api.contoso.example", 401, string.Empty, ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The audience 'https://management.azure.com' is invalid\"")))
        {
            Assert.Equal(AuthFailureCause.WrongEndpoint, (await Fails(said, sync, "Bearer " + token)).Cause);
        }

        using TestClient batch = Client("contoso.eastus.batch.azure.com", 401, """{"code":"AuthenticationFailed","message":{"lang":"en-US","value":"Server failed to authenticate the request."}}""");
        AuthFailure failure = await Fails(batch, sync, "Bearer " + token, "https://contoso.eastus.batch.azure.com/jobs?api-version=2024-07-01.20.0");
        Assert.Equal(AuthFailureCause.WrongEndpoint, failure.Cause);
        Assert.Contains("batch.core.windows.net", failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task TokenForTheRightAudience_IsNotCalledWrongEndpoint_Issue14(bool sync)
    {
        using TestClient batch = Client("contoso.eastus.batch.azure.com", 401, """{"code":"AuthenticationFailed","message":{"lang":"en-US","value":"Server failed to authenticate the request."}}""");
        AuthFailure failure = await Fails(batch, sync, "Bearer " + Jwt("https://batch.core.windows.net/", DateTimeOffset.UtcNow.AddHours(1)), "https://contoso.eastus.batch.azure.com/jobs");
        Assert.NotEqual(AuthFailureCause.WrongEndpoint, failure.Cause);
    }

    // ---- 4. Standards, read leniently ----

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task ChallengeWithoutScheme_IsReadLeniently_Issue14(bool sync)
    {
        using TestClient client = Client("api.example.com", 401, string.Empty, ("WWW-Authenticate", "error=\"invalid_token\", error_description=\"The Access Token expired\""));
        AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Body(40));

        Assert.Equal(AuthFailureCause.ExpiredCredential, failure.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task InvalidRequestChallengeAboutTheToken_At400_IsMalformedAuthorizationHeader_Issue14(bool sync)
    {
        using TestClient client = Client("api.example.com", 400, """{"message":"Bad request"}""", ("WWW-Authenticate", "Bearer error=\"invalid_request\", error_description=\"The access token was provided in more than one way\""));
        AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Body(40));

        Assert.Equal(AuthFailureCause.MalformedAuthorizationHeader, failure.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task InsufficientScopeChallenge_IsInsufficientPermissions_Issue14(bool sync)
    {
        using TestClient client = Client("api.example.com", 403, string.Empty, ("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"models.write\""));
        AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Body(40));

        Assert.Equal(AuthFailureCause.InsufficientPermissions, failure.Cause);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task GeminiOpenAICompatibleArrayWrapped400_IsMalformedAuthorizationHeader_Issue14(bool sync)
    {
        const string Body = """[{"error":{"code":400,"message":"Invalid Authorization header.","status":"INVALID_ARGUMENT"}}]""";
        using TestClient client = Client("generativelanguage.googleapis.com", 400, Body);
        AuthFailure failure = await Fails(client, sync, "Bearer " + TestKeys.Google(), "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions");

        Assert.Equal(AuthFailureCause.MalformedAuthorizationHeader, failure.Cause);
    }

    [Fact]
    public void GeminiOpenAICompatibleArrayWrapped400_EmptyHeader_IsMissingKey_Issue14()
    {
        AuthFailure? failure = Offline("gemini", 400, """[{"error":{"code":400,"message":"Invalid Authorization header.","status":"INVALID_ARGUMENT"}}]""", sentKey: string.Empty);
        Assert.Equal(AuthFailureCause.MissingKey, failure?.Cause);
    }

    // ---- helpers ----

    private static TestClient Client(string host, int status, string body, params (string, string)[] headers) =>
        new(RecordingHandler.Answering((HttpStatusCode)status, body, "application/json", headers), baseAddress: "https://" + host + "/v1/");

    private static string Bearer(string host) => "Bearer " + (host.Contains("google", StringComparison.Ordinal) ? TestKeys.Google() : TestKeys.OpenAIProject());

    private static HttpRequestMessage Request(string uri, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static async Task<AuthFailure> Fails(TestClient client, bool sync, string authorization, string? uri = null)
    {
        using HttpRequestMessage request = Request(uri ?? client.Client.BaseAddress + "x", "Authorization", authorization);
        ApiAuthException e = sync
            ? Assert.Throws<ApiAuthException>(() => client.Client.Send(request))
            : await Assert.ThrowsAsync<ApiAuthException>(() => client.Client.SendAsync(request));
        Assert.True(e.Failure.RequestWasSent);
        return e.Failure;
    }

    private static AuthFailure? Offline(string provider, int status, string body, string? sentKey) =>
        ApiAuthDiagnostics.ClassifyResponse(provider, new SavedResponse { StatusCode = (HttpStatusCode)status, Body = body, ContentType = "application/json", SentKey = sentKey });

    private static string JwtRaw(string payload)
    {
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + B64(payload) + "." + TestKeys.Body(43);
    }

    private static string Jwt(string audience, DateTimeOffset expiry)
    {
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + B64($"{{\"aud\":\"{audience}\",\"exp\":{expiry.ToUnixTimeSeconds()}}}") + "." + TestKeys.Body(43);
    }
}
