using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Issue 10 §2: a 401 is an auth failure unless a not-auth rule matches; a 400 or 403 is one only on positive evidence
/// (a structured code, the provider's own wording, or for services without a profile an unambiguous auth phrase), never
/// on a bare word anywhere in the text. The pure classifier; the handler-level tests are in <see cref="PositiveEvidenceHandlerTests"/>.
/// </summary>
public sealed class PositiveEvidenceTests
{
    private static readonly string Key = TestKeys.OpenAIProject();

    /// <summary>Words a naive rule keys on; none of them alone is evidence at 400/403.</summary>
    private static readonly string[] BareWords =
    [
        "invalid", "key", "blocked", "expired", "permission", "permissions", "access", "token", "revoked", "forbidden", "denied",
        "access denied", "not allowed", "auth", "unauthorized", "credential", "scope", "suspended", "disabled", "banned", "deactivated",
    ];

    /// <summary>Profiles of every kind: named providers, the OpenAI-compatible relay profile, the unknown service.</summary>
    public static TheoryData<string> EveryProfile => [.. BuiltInProfiles.All.Select(p => p.Id)];

    public static TheoryData<string, int, string> BareWordBodies
    {
        get
        {
            var data = new TheoryData<string, int, string>();
            string[] bodies =
            [
                // The issue's examples, and the words they carry.
                """{"type":"error","error":{"type":"invalid_request_error","message":"Output blocked by content filtering policy"}}""",
                """{"error":{"message":"Invalid schema for response_format 'profile': Invalid key 'patternProperties' in schema. Keys must be one of: type, properties, required, additionalProperties.","type":"invalid_request_error","param":"response_format","code":null}}""",
                """{"error":{"message":"The image URL has expired. Please upload it again.","type":"invalid_request_error","param":null,"code":"invalid_image_url"}}""",
                """{"error":{"message":"Invalid schema for function 'get_user_permissions': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'scope'.","type":"invalid_request_error","param":"tools[0].function.parameters","code":"invalid_function_parameters"}}""",
                """{"error":{"message":"Invalid 'messages[3]': messages with role 'tool' must be a response to a preceding message with 'tool_calls'. Got content: 'The GitHub token was revoked; the API key for the weather service expired.'","type":"invalid_request_error","param":"messages","code":null}}""",
                """{"error":{"message":"Invalid parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}""",
                """{"error":{"message":"Access denied: the file is not accessible to this request.","status":"PERMISSION_DENIED","code":403}}""",
                """{"error":{"code":403,"message":"You do not have permission to access tuned model tunedModels/my-model-abc.","status":"PERMISSION_DENIED"}}""",
                """{"error":{"type":"forbidden","message":"Request not allowed"}}""",
                """{"message":"Forbidden"}""",
                """{"error":"Your request was blocked."}""",
                "<html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1><p>You are unable to access example.com</p><span>Cloudflare Ray ID: 8a1b2c3d4e5f6a7b</span><p>Error 1020: Access denied</p></body></html>",
                "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don't have permission to access \"http&#58;&#47;&#47;api&#46;example&#46;com&#47;v1&#47;chat\" on this server.<P>Reference&#32;&#35;18&#46;2f1c1002&#46;1700000000&#46;1a2b3c</BODY></HTML>",
                "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\"><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2><HR noshade size=\"1px\">Request blocked. We can't connect to the server for this app or website at this time.</BODY></HTML>",
                """{"error":{"code":"403","message":"Access denied due to Virtual Network/Firewall rules."}}""",
                "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>Microsoft-Azure-Application-Gateway/v2</center></body></html>",
                """{"error":{"message":"This token has insufficient permission scope for the requested model size.","type":"invalid_request_error"}}""",
            ];

            foreach (string profile in new[] { "generic", "openai-compatible", "openai", "anthropic", "gemini", "azure-openai", "openrouter" })
            {
                foreach (string body in bodies)
                {
                    data.Add(profile, 400, body);
                    data.Add(profile, 403, body);
                }
            }

            foreach (string word in BareWords)
            {
                data.Add("generic", 400, $$$"""{"error":{"message":"{{{word}}}"}}""");
                data.Add("generic", 403, $$"""{"message":"The request was {{word}}."}""");
                data.Add("generic", 403, word);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BareWordBodies))]
    public void Classify_BareWordsAt400Or403_PassThrough_Issue10(string profileId, int status, string body)
    {
        Assert.Null(Classify(profileId, status, body));
    }

    [Theory]
    [InlineData("generic", """{"error":{"message":"Token has expired"}}""", AuthFailureCause.ExpiredCredential)]
    [InlineData("generic", """{"error":"Your key was revoked."}""", AuthFailureCause.InvalidKey)]
    [InlineData("generic", """{"message":"You do not have permission to call this model."}""", AuthFailureCause.InsufficientPermissions)]
    [InlineData("generic", "<html><head><title>403 Forbidden</title></head></html>", AuthFailureCause.Unknown)]
    [InlineData("openai", """{"error":{"message":"Invalid key 'foo'"}}""", AuthFailureCause.InvalidKey)]
    public void Classify_SameWordsAt401_StillDiagnosed_Issue10(string profileId, string body, AuthFailureCause cause)
    {
        AuthFailure? failure = Classify(profileId, 401, body);

        Assert.NotNull(failure);
        Assert.Equal(cause, failure.Cause);
    }

    [Theory]
    [InlineData("anthropic", 403, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}""", AuthFailureCause.InsufficientPermissions)]
    [InlineData("anthropic", 400, """{"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}""", AuthFailureCause.AccountDisabled)]
    [InlineData("gemini", 400, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""", AuthFailureCause.InvalidKey)]
    [InlineData("gemini", 403, """{"error":{"code":403,"message":"Your API key was reported as leaked. Please use another API key.","status":"PERMISSION_DENIED"}}""", AuthFailureCause.InvalidKey)]
    [InlineData("gemini", 403, """{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}""", AuthFailureCause.MissingKey)]
    [InlineData("gemini", 403, """{"error":{"code":403,"message":"Requests to this API method are blocked.","status":"PERMISSION_DENIED","details":[{"reason":"API_KEY_SERVICE_BLOCKED"}]}}""", AuthFailureCause.InsufficientPermissions)]
    [InlineData("openai", 403, """{"error":{"message":"Incorrect API key provided: sk-proj-****abcd.","type":"invalid_request_error","code":"invalid_api_key"}}""", AuthFailureCause.InvalidKey)]
    [InlineData("xai", 400, """{"code":"Client specified an invalid argument","error":"Incorrect API key provided: xa***yz. You can obtain an API key from https://console.x.ai."}""", AuthFailureCause.InvalidKey)]
    [InlineData("azure-openai", 403, """{"error":{"code":"AuthenticationTypeDisabled","message":"Key based authentication is disabled for this resource."}}""", AuthFailureCause.AccountDisabled)]
    [InlineData("generic", 400, """{"error":{"message":"Authentication Error - Expired Key. Key Expiry time 2025-01-01","type":"auth_error","param":"None","code":"expired_key"}}""", AuthFailureCause.ExpiredCredential)]
    [InlineData("generic", 403, """{"message":"Invalid API key"}""", AuthFailureCause.InvalidKey)]
    [InlineData("generic", 403, """{"detail":"Not authenticated"}""", AuthFailureCause.WrongHeaderName)]
    [InlineData("openai-compatible", 403, """{"error":"invalid credentials"}""", AuthFailureCause.InvalidKey)]
    [InlineData("generic", 403, """{"error":{"message":"该令牌无权访问模型 gpt-4o (request id: 1)","type":"new_api_error"}}""", AuthFailureCause.InsufficientPermissions)]
    [InlineData("generic", 403, "RBAC: access denied", AuthFailureCause.InsufficientPermissions)]
    [InlineData("generic", 403, """{"message":"The security token included in the request is invalid."}""", AuthFailureCause.InvalidKey, "UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/")]
    [InlineData("generic", 403, """{"message":"The security token included in the request is expired"}""", AuthFailureCause.ExpiredCredential, "ExpiredTokenException")]
    public void Classify_PositiveEvidenceAt400Or403_IsDiagnosed_Issue10(string profileId, int status, string body, AuthFailureCause cause, string? amazonErrorType = null)
    {
        AuthFailure? failure = amazonErrorType is null ? Classify(profileId, status, body) : Classify(profileId, status, body, ("x-amzn-errortype", amazonErrorType));

        Assert.NotNull(failure);
        Assert.Equal(cause, failure.Cause);
        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
    }

    [Theory]
    [InlineData(400, "Bearer error=\"invalid_token\", error_description=\"The access token expired\"", AuthFailureCause.ExpiredCredential)]
    [InlineData(403, "Bearer error=\"invalid_token\"", AuthFailureCause.InvalidKey)]
    [InlineData(403, "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"model.request\"", AuthFailureCause.InsufficientPermissions)]
    public void Classify_WwwAuthenticateErrorAt400Or403_IsEvidence_Issue10(int status, string challenge, AuthFailureCause cause)
    {
        foreach (string profileId in new[] { "generic", "openai", "anthropic" })
        {
            AuthFailure? failure = Classify(profileId, status, string.Empty, ("WWW-Authenticate", challenge));

            Assert.NotNull(failure);
            Assert.Equal(cause, failure.Cause);
        }
    }

    [Theory]
    [InlineData(400, "Bearer error=\"invalid_request\", error_description=\"The request is missing a required parameter\"")]
    [InlineData(403, "Bearer realm=\"api\"")]
    [InlineData(403, "Basic realm=\"proxy\"")]
    public void Classify_ChallengeWithoutAuthErrorAt400Or403_PassesThrough_Issue10(int status, string challenge)
    {
        Assert.Null(Classify("generic", status, """{"message":"Bad request"}""", ("WWW-Authenticate", challenge)));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    [InlineData("groq")]
    [InlineData("openrouter")]
    public void Classify_SharedPhraseAt400FromNamedProvider_IsNotEvidence_Issue10(string profileId)
    {
        // A named provider's 400 can echo the caller's content (a tool's output, a schema) next to its own message;
        // only its own codes and wording decide there. From a relay (no profile) a quoted phrase is not evidence either
        // (red-team finding): the phrase must be the message's own statement.
        const string Echo = """{"error":{"message":"Invalid 'messages[1].content': tool output was 'Error: invalid API key for the weather service'.","type":"invalid_request_error","param":"messages","code":null}}""";
        const string Own = """{"error":{"message":"Invalid API key.","type":"invalid_request_error","param":null,"code":null}}""";

        Assert.Null(Classify(profileId, 400, Echo));
        Assert.Null(Classify(profileId, 403, Echo));
        Assert.Null(Classify("generic", 400, Echo));
        Assert.NotNull(Classify("generic", 400, Own));
        Assert.NotNull(Classify("generic", 403, Own));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public void Classify_OpenAI400QuotingOpenAIsOwnAuthWording_PassesThrough_Issue10(int status)
    {
        // OpenAI answers a bad key with a 401 and code invalid_api_key; a 400 that quotes its wording is quoting content
        // (here a tool's output, an earlier error the agent fed back to the model).
        const string Quoted = """{"error":{"message":"Invalid 'messages[4].content': string too long. Expected a string with maximum length 1048576, but got a string with length 1200000 instead. Content starts with: 'Error code: 401 - Incorrect API key provided: sk-proj-****abcd. You didn't provide an API key? API key has been revoked.'","type":"invalid_request_error","param":"messages[4].content","code":"string_above_max_length"}}""";

        Assert.Null(Classify("openai", status, Quoted));
        Assert.NotNull(Classify("openai", 401, Quoted));
    }

    [Theory]
    [InlineData("PERMISSION_DENIED")]
    [InlineData("forbidden")]
    [InlineData("Forbidden")]
    [InlineData("invalid_request_error")]
    [InlineData("access_denied")]
    [InlineData("ForbiddenException")]
    [InlineData("invalid_key")]
    [InlineData("INVALID_ARGUMENT")]
    [InlineData("AccessDeniedException")]
    public void Classify_AmbiguousCodeAlone_IsNotEvidence_Issue10(string code)
    {
        foreach (ProviderProfile profile in BuiltInProfiles.All)
        {
            foreach (int status in new[] { 400, 403 })
            {
                string body = $$$"""{"error":{"message":"The request cannot be completed.","code":"{{{code}}}","type":"{{{code}}}","status":"{{{code}}}"}}""";
                Assert.Null(Classify(profile.Id, status, body));
                Assert.Null(Classify(profile.Id, status, "{}", ("x-amzn-errortype", code + ":details")));
            }
        }
    }

    [Fact]
    public void ClassifyResponse_OfflineApi_FollowsTheSameEvidenceRule_Issue10()
    {
        Assert.Null(ApiAuthDiagnostics.ClassifyResponse("openai", new SavedResponse { StatusCode = HttpStatusCode.BadRequest, Body = """{"error":{"message":"The image URL has expired. Please upload it again.","type":"invalid_request_error","code":"invalid_image_url"}}""", ContentType = "application/json" }));
        Assert.Null(ApiAuthDiagnostics.ClassifyResponse("generic", new SavedResponse { StatusCode = HttpStatusCode.Forbidden, Body = "<html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1></body></html>", ContentType = "text/html" }));

        AuthFailure? leaked = ApiAuthDiagnostics.ClassifyResponse("gemini", new SavedResponse { StatusCode = HttpStatusCode.Forbidden, Body = """{"error":{"code":403,"message":"Your API key was reported as leaked. Please use another API key.","status":"PERMISSION_DENIED"}}""", ContentType = "application/json" });
        Assert.Equal(AuthFailureCause.InvalidKey, leaked?.Cause);
        Assert.Contains("leaked", leaked!.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_EvidenceFragments_AreNeverABareWord_Issue10()
    {
        IEnumerable<ErrorRule> rules = BuiltInProfiles.All.SelectMany(p => p.Rules).Concat(CommonRules.All);

        foreach (ErrorRule rule in rules.Where(r => !r.PassThrough && r.Evidence != EvidenceScope.None && r.MessageContains is not null))
        {
            foreach (string fragment in rule.MessageContains!)
            {
                string trimmed = fragment.Trim();
                Assert.DoesNotContain(trimmed, BareWords, StringComparer.OrdinalIgnoreCase);

                // A single ASCII word (no space, letters only) is a bare word whatever it is: evidence needs a phrase.
                Assert.False(
                    trimmed.All(char.IsAsciiLetter),
                    $"the evidence fragment '{fragment}' ({rule.Cause}) is a single word; make it a phrase or a Hint (401 only)");
            }
        }
    }

    [Fact]
    public void Rules_AmbiguousCodes_AreNeverEvidenceOnTheirOwn_Issue10()
    {
        string[] ambiguous = ["PERMISSION_DENIED", "forbidden", "invalid_request_error", "access_denied", "ForbiddenException", "INVALID_ARGUMENT", "invalid_key", "error", "403", "400"];
        IEnumerable<ErrorRule> rules = BuiltInProfiles.All.SelectMany(p => p.Rules).Concat(CommonRules.All);

        foreach (ErrorRule rule in rules.Where(r => !r.PassThrough && r.Evidence != EvidenceScope.None && r.Codes is not null && r.MessageContains is null))
        {
            foreach (string code in rule.Codes!)
            {
                Assert.DoesNotContain(code, ambiguous, StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>
    /// Every real non-credential body in <c>Fixtures/not-auth/</c>, classified as if any profile had received it: the shared
    /// phrases are checked against the whole set for unknown services and relays, not only for the host it came from.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryProfile))]
    public void Classify_EveryNotAuthFixtureUnderAnyProfile_PassesThrough_Issue10(string profileId)
    {
        Assert.True(ProviderRegistry.Default.TryGet(profileId, out ProviderProfile profile));
        var misread = new List<string>();
        int checkedCount = 0;
        foreach (string path in Fixture.All.Where(p => p.StartsWith(Fixture.NotAuthFolder, StringComparison.Ordinal)))
        {
            Fixture fixture = Fixture.Load(path);
            using HttpResponseMessage response = fixture.ToResponse();
            AuthFailure? failure = ErrorClassifier.Classify(profile, response, Encoding.UTF8.GetBytes(fixture.Body), Sent, fixture.Host);
            checkedCount++;
            if (failure is not null)
            {
                misread.Add($"{path}: {failure.Cause} ({failure.ErrorCode})");
            }
        }

        Assert.True(checkedCount >= 60, $"the not-auth set has {checkedCount} fixtures");
        Assert.Empty(misread);
    }

    private static SentCredential Sent => new() { HeaderValue = "Bearer " + Key, KeyOffset = 7 };

    private static AuthFailure? Classify(string profileId, int status, string body, params (string Name, string Value)[] headers)
    {
        Assert.True(ProviderRegistry.Default.TryGet(profileId, out ProviderProfile profile));
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(bytes) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(body.StartsWith('<') ? "text/html" : "application/json");
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return ErrorClassifier.Classify(profile, response, bytes, Sent, "api.example.test");
    }
}
