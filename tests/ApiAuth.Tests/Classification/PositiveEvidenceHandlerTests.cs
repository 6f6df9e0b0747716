using System.Text;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Issue 10 §2 at the handler, on both doors and with both completion options: the issue's named non-auth 400/403
/// responses come back exactly as a bare pipeline returns them (status, headers, body bytes, readable), and the
/// positive-evidence ones are still diagnosed as <see cref="ApiAuthException"/>.
/// </summary>
public sealed class PositiveEvidenceHandlerTests
{
    private const string Json = "application/json";

    private const string CloudflareBlockPage =
        "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n<head>\n<title>Attention Required! | Cloudflare</title>\n"
        + "<meta charset=\"UTF-8\" />\n</head>\n<body>\n<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\" class=\"cf-error-details-wrapper\">\n"
        + "<h1 data-translate=\"block_headline\">Sorry, you have been blocked</h1>\n<h2 class=\"cf-subheadline\"><span data-translate=\"unable_to_access\">You are unable to access</span> llm.example.com</h2>\n"
        + "<p data-translate=\"blocked_why_detail\">This website is using a security service to protect itself from online attacks. The action you just performed triggered the security solution.</p>\n"
        + "<span class=\"cf-footer-item\">Cloudflare Ray ID: <strong class=\"font-semibold\">8a1b2c3d4e5f6071</strong></span>\n<span>Error code 1020</span>\n</div>\n</div>\n</body>\n</html>\n";

    /// <summary>The issue's examples: (name, host, status, content type, body). Each passes through untouched.</summary>
    public static TheoryData<string, string, int, string, string> NotAuthExamples => new()
    {
        { "anthropic content filter", "api.anthropic.com", 400, Json, """{"type":"error","error":{"type":"invalid_request_error","message":"Output blocked by content filtering policy"}}""" },
        { "openai json-schema invalid key", "api.openai.com", 400, Json, "{\n    \"error\": {\n        \"message\": \"Invalid schema for response_format 'profile': In context=('properties', 'address'), Invalid key 'patternProperties'. Supported keys are: type, properties, required, additionalProperties, items, enum, description.\",\n        \"type\": \"invalid_request_error\",\n        \"param\": \"response_format\",\n        \"code\": null\n    }\n}\n" },
        { "openai image url expired", "api.openai.com", 400, Json, """{"error":{"message":"The image URL has expired. Please upload it again.","type":"invalid_request_error","param":null,"code":"invalid_image_url"}}""" },
        { "openai strict schema get_user_permissions", "api.openai.com", 400, Json, """{"error":{"message":"Invalid schema for function 'get_user_permissions': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'scope'.","type":"invalid_request_error","param":"tools[0].function.parameters","code":"invalid_function_parameters"}}""" },
        { "openai tool content echoed was revoked", "api.openai.com", 400, Json, """{"error":{"message":"Invalid 'messages[3].content': string too long. Expected a string with maximum length 1048576, but got a string with length 1048990 instead. The content begins: 'ERROR 401: the access token was revoked. Re-authorize the GitHub app; the API key for the weather service is invalid'.","type":"invalid_request_error","param":"messages[3].content","code":"string_above_max_length"}}""" },
        { "cloudflare sorry you have been blocked", "llm.example.com", 403, "text/html; charset=UTF-8", CloudflareBlockPage },
        { "cloudflare sorry you have been blocked at openai", "api.openai.com", 403, "text/html; charset=UTF-8", CloudflareBlockPage },
        { "cloudflare 1020 plain text", "llm.example.com", 403, "text/plain; charset=UTF-8", "error code: 1020" },
        { "azure network firewall", "contoso.openai.azure.com", 403, Json, """{"error":{"code":"403","message":"Access denied due to Virtual Network/Firewall rules."}}""" },
        { "gemini bare permission denied on a tuned model", "generativelanguage.googleapis.com", 403, Json, """{"error":{"code":403,"message":"You do not have permission to access tuned model tunedModels/support-bot-7q2.","status":"PERMISSION_DENIED"}}""" },
        { "openai model access 403", "api.openai.com", 403, Json, """{"error":{"message":"You are not allowed to sample from this model","type":"invalid_request_error","param":null,"code":null}}""" },
        { "relay no-credit 403", "llm.example.com", 403, Json, """{"error":{"message":"Your account has no credits left. Top up to continue.","type":"insufficient_credits"}}""" },

        // Red-team (issue 10, fresh context): the provider's or a shared auth phrase quoted back inside a non-auth error.
        { "red-team anthropic quotes invalid x-api-key", "api.anthropic.com", 400, Json, """{"type":"error","error":{"type":"invalid_request_error","message":"messages.0.content: text block 'Why does my app say invalid x-api-key?' must not be empty after trimming"}}""" },
        { "red-team anthropic tool result quotes auth error", "api.anthropic.com", 400, Json, """{"type":"error","error":{"type":"invalid_request_error","message":"messages.2.content.0.tool_result.content: tool said 'invalid x-api-key' and returned an empty block, which is not allowed"}}""" },
        { "red-team azure quotes subscription key error", "contoso.openai.azure.com", 400, Json, """{"error":{"code":"InvalidRequest","message":"Tool output 'Access denied due to invalid subscription key or wrong API endpoint.' exceeds the maximum length.","status":400}}""" },
        { "red-team relay PII filter quotes invalid credentials", "llm.example.com", 400, Json, """{"error":{"message":"'login failed: invalid credentials' is flagged by the PII filter","type":"invalid_request_error"}}""" },
        { "red-team relay tool call not authenticated", "llm.example.com", 400, Json, """{"error":"Tool call failed: upstream service said: not authenticated"}""" },
        { "red-team relay MCP server invalid api key", "llm.example.com", 400, Json, """{"error":{"message":"Error retrieving tool list from MCP server 'github'. Http status code: 401 (Unauthorized). Invalid API key.","type":"invalid_request_error"}}""" },
    };

    /// <summary>Positive evidence: (name, host, status, headers, body, cause). Each is still diagnosed.</summary>
    public static TheoryData<string, string, int, string, string, AuthFailureCause> AuthExamples => new()
    {
        { "anthropic permission_error", "api.anthropic.com", 403, string.Empty, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."},"request_id":"req_011CPerm"}""", AuthFailureCause.InsufficientPermissions },
        { "google API_KEY_INVALID at 400", "generativelanguage.googleapis.com", 400, string.Empty, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}""", AuthFailureCause.InvalidKey },
        { "gemini leaked key 403", "generativelanguage.googleapis.com", 403, string.Empty, """{"error":{"code":403,"message":"Your API key was reported as leaked. Please use another API key.","status":"PERMISSION_DENIED"}}""", AuthFailureCause.InvalidKey },
        { "www-authenticate insufficient_scope", "llm.example.com", 403, "Bearer realm=\"llm\", error=\"insufficient_scope\", scope=\"model.request\"", string.Empty, AuthFailureCause.InsufficientPermissions },
        { "www-authenticate invalid_token at 400", "llm.example.com", 400, "Bearer error=\"invalid_token\", error_description=\"The access token expired\"", """{"message":"Bad request"}""", AuthFailureCause.ExpiredCredential },
        { "relay invalid api key at 403", "llm.example.com", 403, string.Empty, """{"error":"Invalid API key"}""", AuthFailureCause.InvalidKey },
        { "fastapi not authenticated at 403 (a key was sent: read from another header)", "llm.example.com", 403, string.Empty, """{"detail":"Not authenticated"}""", AuthFailureCause.WrongHeaderName },
        { "relay error-prefixed invalid credentials at 400", "llm.example.com", 400, string.Empty, """{"error":{"message":"Authentication error: invalid credentials","type":"auth_error"}}""", AuthFailureCause.InvalidKey },
        { "anthropic organization disabled at 400", "api.anthropic.com", 400, string.Empty, """{"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}""", AuthFailureCause.AccountDisabled },
    };

    [Theory]
    [MemberData(nameof(NotAuthExamples))]
    public async Task Send_NamedNonAuth400Or403_PassesThroughByteIdentical_Issue10(string name, string host, int status, string contentType, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        foreach ((bool sync, HttpCompletionOption option) in Doors)
        {
            using var twins = new TwinPipelines(() => TwinPipelines.Streaming(status, bytes, ("content-type", contentType), ("x-request-id", "req_example")));

            await twins.AssertSameOutcomeAsync(() => Request(host), sync, option, labelledCause: null, $"{name} ({(sync ? "Send" : "SendAsync")}, {option})");

            TwinPipelines.Outcome outcome = await TwinPipelines.RunAsync(twins.WithApiAuth, () => Request(host), sync, option);
            Assert.Equal(bytes, outcome.Body);
        }
    }

    [Theory]
    [MemberData(nameof(AuthExamples))]
    public async Task Send_PositiveEvidence400Or403_IsDiagnosed_Issue10(string name, string host, int status, string challenge, string body, AuthFailureCause cause)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        (string, string)[] headers = challenge.Length == 0 ? [("content-type", Json)] : [("content-type", Json), ("www-authenticate", challenge)];
        foreach ((bool sync, HttpCompletionOption option) in Doors)
        {
            using var twins = new TwinPipelines(() => TwinPipelines.Streaming(status, bytes, headers));

            await twins.AssertSameOutcomeAsync(() => Request(host), sync, option, cause, $"{name} ({(sync ? "Send" : "SendAsync")}, {option})");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_NotAuth400ThenNext_BothSentAndOnlyTheServerDecides_Issue10(bool sync)
    {
        // A pass-through leaves nothing behind: the next request is sent and its own answer decides.
        const string Filtered = """{"type":"error","error":{"type":"invalid_request_error","message":"Output blocked by content filtering policy"}}""";
        int calls = 0;
        var stub = new RecordingHandler(_ => Interlocked.Increment(ref calls) == 1
            ? TwinPipelines.Streaming(400, Encoding.UTF8.GetBytes(Filtered), ("content-type", Json))
            : TwinPipelines.Streaming(200, Encoding.UTF8.GetBytes("{}"), ("content-type", Json)));
        using var client = new TestClient(stub, baseAddress: "https://api.anthropic.com/v1/");

        using HttpResponseMessage first = await client.SendAsync(sync, Request("api.anthropic.com"), TestContext.Current.CancellationToken);
        using HttpResponseMessage second = await client.SendAsync(sync, Request("api.anthropic.com"), TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)first.StatusCode);
        Assert.Equal(Filtered, await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
        Assert.DoesNotContain(client.Logs.GetSnapshot(), r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    private static (bool Sync, HttpCompletionOption Option)[] Doors =>
    [
        (false, HttpCompletionOption.ResponseContentRead),
        (false, HttpCompletionOption.ResponseHeadersRead),
        (true, HttpCompletionOption.ResponseContentRead),
        (true, HttpCompletionOption.ResponseHeadersRead),
    ];

    /// <summary>A request carrying a plausible key where the host's profile reads it.</summary>
    private static HttpRequestMessage Request(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://" + host + "/v1/chat/completions") { Content = new StringContent("{\"model\":\"m\"}") };
        switch (host)
        {
            case "api.anthropic.com":
                request.Headers.TryAddWithoutValidation("x-api-key", TestKeys.Anthropic());
                break;
            case "generativelanguage.googleapis.com":
                request.Headers.TryAddWithoutValidation("x-goog-api-key", TestKeys.Google());
                break;
            case "contoso.openai.azure.com":
                request.Headers.TryAddWithoutValidation("api-key", TestKeys.Azure());
                break;
            case "api.openai.com":
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestKeys.OpenAIProject());
                break;
            default:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-" + TestKeys.Body(40, 71));
                break;
        }

        return request;
    }
}
