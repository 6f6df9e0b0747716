using System.Net;
using System.Text.Json;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Issue 14 §2 at the handler, on both doors: an upstream provider's error wrapped by a gateway (LiteLLM, OpenRouter,
/// Portkey) is judged with the upstream's knowledge, and the remediation says whose credential failed; the gateway's own
/// auth errors stay the gateway's; a wrapped error that is not about a credential passes through untouched; a key the
/// upstream echoes is redacted everywhere. Bodies follow each gateway's format (sources in <see cref="UpstreamError"/>).
/// </summary>
public sealed class UpstreamErrorHandlerTests
{
    private const string OpenRouter = "https://openrouter.ai/api/v1/";
    private const string LiteLLM = "https://litellm.internal.example:4000/v1/";
    private const string Portkey = "https://portkey-gateway.internal.example:8787/v1/";
    private const string Cloudflare = "https://gateway.ai.cloudflare.com/v1/0123456789abcdef0123456789abcdef/my-gateway/openai/";
    private const string Helicone = "https://oai.helicone.ai/v1/";
    private const string CloudflareUnauthorized = """{"success":false,"result":[],"messages":[],"error":[{"code":2009,"message":"Unauthorized"}]}""";

    private static readonly string OpenRouterKey = TestKeys.OpenRouter();
    private static readonly string VirtualKey = "sk-" + TestKeys.Body(22, 83);
    private static readonly string AnthropicKey = TestKeys.Anthropic();

    /// <summary>A gateway answer, the request that got it, and what ApiAuth must say.</summary>
    public sealed record Case(
        string Name,
        string BaseAddress,
        string Header,
        string Key,
        int Status,
        string Body,
        AuthFailureCause? Cause,
        string[] RemediationHas,
        string[] RemediationHasNot)
    {
        public override string ToString() => Name;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>OpenRouter: <c>error.metadata.raw</c> holds the upstream body as a string, <c>provider_name</c> the upstream.</summary>
    private static string OpenRouterWrap(int code, string raw, string provider) =>
        Json(new { error = new { message = "Provider returned error", code, metadata = new { raw, provider_name = provider } } });

    /// <summary>LiteLLM's proxy body: the exception text in <c>error.message</c>, the status as a string code.</summary>
    private static string LiteLLMWrap(string message, int code) =>
        Json(new { error = new { message, type = (string?)null, param = (string?)null, code = code.ToString(System.Globalization.CultureInfo.InvariantCulture) } });

    private static string PortkeyWrap(string provider, string message, string? type, object? code) =>
        Json(new Dictionary<string, object?> { ["error"] = new { message = provider + " error: " + message, type, param = (string?)null, code }, ["provider"] = provider });

    private const string AnthropicInvalidKey = """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CUpstream00000000000001"}""";

    public static TheoryData<Case, bool> Cases
    {
        get
        {
            Case[] cases =
            [
                // OpenRouter, bring your own key: the Anthropic key the user gave OpenRouter is invalid, not the OpenRouter key.
                new("openrouter byok anthropic invalid", OpenRouter, "Authorization", OpenRouterKey, 401,
                    OpenRouterWrap(401, AnthropicInvalidKey, "Anthropic"), AuthFailureCause.InvalidKey,
                    ["Your OpenRouter key " + KeyHintOf(OpenRouterKey) + " was accepted", "Anthropic refused", "bring your own key", "https://openrouter.ai/settings/integrations", "https://console.anthropic.com/settings/keys"],
                    ["OpenRouter does not recognise", "OPENROUTER_API_KEY"]),
                new("openrouter byok openai invalid, raw as data", OpenRouter, "Authorization", OpenRouterKey, 401,
                    Json(new { error = new { message = "Provider returned error", code = 401, metadata = new { raw = new { __kind = "OK", data = """{"error":{"message":"Incorrect API key provided: sk-proj-********************Ab12. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""" }, provider_name = "OpenAI" } } }),
                    AuthFailureCause.InvalidKey,
                    ["OpenAI refused", "https://openrouter.ai/settings/integrations", "https://platform.openai.com/api-keys"],
                    ["OpenRouter does not recognise"]),
                new("openrouter byok gemini expired at 400", OpenRouter, "Authorization", OpenRouterKey, 400,
                    OpenRouterWrap(400, """{"error":{"code":400,"message":"API key expired. Please renew the API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""", "Google AI Studio"),
                    AuthFailureCause.ExpiredCredential,
                    ["Google Gemini refused", "the credential has expired", "https://openrouter.ai/settings/integrations", "https://aistudio.google.com/apikey"],
                    []),

                // OpenRouter's own errors: no metadata.raw, so they stay OpenRouter's.
                new("openrouter own user not found", OpenRouter, "Authorization", OpenRouterKey, 401,
                    """{"error":{"message":"User not found.","code":401}}""", AuthFailureCause.InvalidKey,
                    ["OpenRouter does not recognise the key " + KeyHintOf(OpenRouterKey)],
                    ["bring your own key", "refused the credential"]),

                // OpenRouter wrapping what is not a credential failure.
                new("openrouter wrapped openai context length", OpenRouter, "Authorization", OpenRouterKey, 400,
                    OpenRouterWrap(400, """{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", "OpenAI"),
                    null, [], []),
                new("openrouter wrapped anthropic rate limit at 401", OpenRouter, "Authorization", OpenRouterKey, 401,
                    OpenRouterWrap(401, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""", "Anthropic"),
                    null, [], []),
                new("openrouter wrapped anthropic content policy 403", OpenRouter, "Authorization", OpenRouterKey, 403,
                    OpenRouterWrap(403, """{"type":"error","error":{"type":"invalid_request_error","message":"Output blocked by content filtering policy"}}""", "Anthropic"),
                    null, [], []),
                new("openrouter wrapped anthropic quoting invalid x-api-key at 400", OpenRouter, "Authorization", OpenRouterKey, 400,
                    OpenRouterWrap(400, """{"type":"error","error":{"type":"invalid_request_error","message":"messages.0.content: text block 'Why does my app say invalid x-api-key?' must not be empty"}}""", "Anthropic"),
                    null, [], []),

                // LiteLLM: the upstream named in "<Provider>Exception"; the proxy's config holds the upstream key.
                new("litellm azure invalid subscription key", LiteLLM, "Authorization", VirtualKey, 401,
                    LiteLLMWrap("litellm.AuthenticationError: AzureException AuthenticationError - Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.. Received Model Group=azure-gpt-4o\nAvailable Model Group Fallbacks=None", 401),
                    AuthFailureCause.WrongEndpoint,
                    ["Your LiteLLM virtual key " + KeyHintOf(VirtualKey) + " was accepted", "Azure OpenAI refused", "LiteLLM proxy at litellm.internal.example", "model_list", "https://portal.azure.com"],
                    ["AZURE_OPENAI_API_KEY"]),
                new("litellm anthropic invalid key json", LiteLLM, "Authorization", VirtualKey, 401,
                    LiteLLMWrap("litellm.AuthenticationError: AnthropicException - " + AnthropicInvalidKey + ". Received Model Group=claude-sonnet\nAvailable Model Group Fallbacks=None", 401),
                    AuthFailureCause.InvalidKey,
                    ["Anthropic refused", "the key is invalid", "https://console.anthropic.com/settings/keys", "LiteLLM proxy at"],
                    []),
                new("litellm openai python repr echoing an openrouter key", LiteLLM, "Authorization", VirtualKey, 401,
                    LiteLLMWrap("litellm.AuthenticationError: AuthenticationError: OpenAIException - Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-or-v1*************************************************************94e4. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}", 401),
                    AuthFailureCause.WrongProviderKey,
                    ["OpenAI refused", "not a key for OpenAI", "OpenRouter key", "LiteLLM proxy at"],
                    []),
                new("litellm upstream 401 inside an outer 400", LiteLLM, "Authorization", VirtualKey, 400,
                    LiteLLMWrap("litellm.AuthenticationError: AnthropicException - " + AnthropicInvalidKey, 400),
                    AuthFailureCause.InvalidKey, ["Anthropic refused"], []),
                new("litellm bedrock router suffix 403", LiteLLM, "Authorization", VirtualKey, 403,
                    LiteLLMWrap("{\"message\":\"The security token included in the request is invalid.\"}. Received Model Group=cohere.rerank-v3-5:0\nAvailable Model Group Fallbacks=None", 403),
                    AuthFailureCause.InvalidKey, ["the key is invalid", "It is the upstream credential configured for this model in the LiteLLM proxy at"], ["the the"]),
                new("litellm bedrock expired token", LiteLLM, "Authorization", VirtualKey, 401,
                    LiteLLMWrap("litellm.AuthenticationError: BedrockException Invalid Authentication - {\"message\":\"The security token included in the request is expired\"}. Received Model Group=claude-3-sonnet\nAvailable Model Group Fallbacks=None", 401),
                    AuthFailureCause.ExpiredCredential, ["AWS (Bedrock) refused", "has expired"], []),

                // LiteLLM's own errors stay the proxy's.
                new("litellm own invalid proxy token", LiteLLM, "Authorization", VirtualKey, 401,
                    """{"error":{"message":"Authentication Error, Invalid proxy server token passed. valid_token=None.","type":"auth_error","param":"None","code":"401"}}""",
                    AuthFailureCause.InvalidKey, [KeyHintOf(VirtualKey)], ["was accepted", "model_list", "refused the credential"]),

                // LiteLLM wrapping what is not a credential failure.
                new("litellm rate limit at 400", LiteLLM, "Authorization", VirtualKey, 400,
                    LiteLLMWrap("litellm.RateLimitError: AnthropicException - {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"rate limited\"}}", 400),
                    null, [], []),
                new("litellm upstream 401 class but rate limit code", LiteLLM, "Authorization", VirtualKey, 401,
                    LiteLLMWrap("litellm.AuthenticationError: OpenAIException - Error code: 429 - {'error': {'message': 'You exceeded your current quota', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}", 401),
                    null, [], []),
                new("litellm context window", LiteLLM, "Authorization", VirtualKey, 400,
                    LiteLLMWrap("litellm.ContextWindowExceededError: litellm.BadRequestError: AnthropicException - {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}", 400),
                    null, [], []),
                new("litellm permission denied region", LiteLLM, "Authorization", VirtualKey, 403,
                    LiteLLMWrap("litellm.PermissionDeniedError: OpenAIException - Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}", 403),
                    null, [], []),

                // Portkey forwards the provider key sent in Authorization.
                new("portkey anthropic forwarded key", Portkey, "Authorization", AnthropicKey, 401,
                    PortkeyWrap("anthropic", "invalid x-api-key", "authentication_error", null), AuthFailureCause.InvalidKey,
                    ["The Portkey gateway at portkey-gateway.internal.example", "passed your key to Anthropic", "Anthropic does not recognise the key " + KeyHintOf(AnthropicKey)],
                    ["was accepted"]),
                new("portkey google api key not valid at 400", Portkey, "Authorization", TestKeys.Google(), 400,
                    PortkeyWrap("google", "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT", 400), AuthFailureCause.InvalidKey,
                    ["passed your key to Google Gemini", "https://aistudio.google.com/apikey"], []),
                new("portkey cohere opaque key", Portkey, "Authorization", TestKeys.Body(40, 89), 401,
                    PortkeyWrap("cohere", "invalid api token", null, null), AuthFailureCause.InvalidKey,
                    ["passed your key " + KeyHintOf(TestKeys.Body(40, 89)) + " to Cohere, which refused it: the key is invalid", "https://dashboard.cohere.com/api-keys"], []),
                new("portkey key held by a virtual key", Portkey, "x-portkey-api-key", TestKeys.Body(32, 97), 401,
                    PortkeyWrap("openai", "Incorrect API key provided: sk-proj-****Ab12.", "invalid_request_error", "invalid_api_key"), AuthFailureCause.InvalidKey,
                    ["Your Portkey API key", "was accepted", "OpenAI refused", "Portkey virtual key or integration", "https://platform.openai.com/api-keys"],
                    ["passed your key"]),
                new("portkey wrapped context length", Portkey, "Authorization", TestKeys.OpenAIProject(), 400,
                    PortkeyWrap("openai", "This model's maximum context length is 8192 tokens.", "invalid_request_error", "context_length_exceeded"), null, [], []),

                // Gateways that pass the provider's errors through and have a credential of their own: their own errors stay theirs.
                new("cloudflare authenticated gateway, no gateway token", Cloudflare, "Authorization", TestKeys.OpenAIProject(), 401,
                    CloudflareUnauthorized, AuthFailureCause.MissingKey,
                    ["cf-aig-authorization: Bearer <token>", "gateway.ai.cloudflare.com", "The provider key " + KeyHintOf(TestKeys.OpenAIProject()) + " was not judged"],
                    ["OpenAI does not recognise", "platform.openai.com"]),
                new("cloudflare gateway token refused", Cloudflare, "cf-aig-authorization", TestKeys.Body(40, 109), 401,
                    CloudflareUnauthorized, AuthFailureCause.InvalidKey,
                    ["The gateway token " + KeyHintOf(TestKeys.Body(40, 109)) + " sent in cf-aig-authorization is not valid"], ["was not judged"]),
                new("cloudflare passing openai's own 401 through", Cloudflare, "Authorization", TestKeys.OpenAIProject(), 401,
                    """{"error":{"message":"Incorrect API key provided: sk-proj-****Ab12.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", AuthFailureCause.InvalidKey,
                    [KeyHintOf(TestKeys.OpenAIProject())], ["cf-aig-authorization"]),
                new("cloudflare 2009 at 403 is not the gateway token", Cloudflare, "Authorization", TestKeys.OpenAIProject(), 403,
                    CloudflareUnauthorized, null, [], []),
                new("helicone invalid helicone api key", Helicone, "Helicone-Auth", "sk-" + TestKeys.Body(7, 113).ToLowerInvariant() + "-" + TestKeys.Body(7, 127).ToLowerInvariant() + "-" + TestKeys.Body(7, 131).ToLowerInvariant() + "-" + TestKeys.Body(7, 137).ToLowerInvariant(), 401,
                    """{"error":{"message":"Invalid Helicone API key","type":"invalid_request_error","param":null,"code":null}}""", AuthFailureCause.InvalidKey,
                    ["Helicone API key", "Helicone-Auth", "https://us.helicone.ai/settings/api-keys"], ["was not judged"]),
            ];

            var data = new TheoryData<Case, bool>();
            foreach (Case c in cases)
            {
                data.Add(c, true);
                data.Add(c, false);
            }

            return data;
        }
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Cases))]
    public async Task Send_WrappedUpstreamError_JudgedWithUpstreamAndSaysWhoseKey_Issue14(Case c, bool sync)
    {
        var stub = RecordingHandler.Answering((HttpStatusCode)c.Status, c.Body);
        using var client = new TestClient(stub, baseAddress: c.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(c.Header, c.Header is "Authorization" or "cf-aig-authorization" or "Helicone-Auth" ? "Bearer " + c.Key : c.Key);

        if (c.Cause is null)
        {
            using HttpResponseMessage response = await client.SendAsync(sync, request, TestContext.Current.CancellationToken);
            Assert.Equal(c.Status, (int)response.StatusCode);
            Assert.Equal(c.Body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            return;
        }

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request, TestContext.Current.CancellationToken));
        AuthFailure failure = e.Failure;
        Assert.Equal(c.Cause, failure.Cause);
        Assert.Equal(c.Status, (int?)failure.StatusCode);
        Assert.Equal(KeyHintOf(c.Key), failure.KeyHint);
        foreach (string expected in c.RemediationHas)
        {
            Assert.Contains(expected, failure.Remediation, StringComparison.Ordinal);
        }

        foreach (string unexpected in c.RemediationHasNot)
        {
            Assert.DoesNotContain(unexpected, failure.Remediation, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", failure.Remediation, StringComparison.Ordinal);
        if (!c.Body.Contains("request_id", StringComparison.Ordinal))
        {
            Assert.Null(failure.RequestId);
        }

        foreach (string? text in new[] { e.Message, failure.ToString(), failure.Remediation, failure.ServerMessage, client.AllLogText() })
        {
            Assert.False(text is not null && SecretRedactor.Leaks(text, c.Key), "a failure text shows more of the key than its hint");
        }
    }

    /// <summary>The provider the failure names is the host's (the gateway's profile), whatever the upstream.</summary>
    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Send_OpenRouterByok_ProviderIsTheHostsAndServerMessageNamesUpstream_Issue14(bool sync)
    {
        var stub = RecordingHandler.Answering(HttpStatusCode.Unauthorized, OpenRouterWrap(401, AnthropicInvalidKey, "Anthropic"));
        using var client = new TestClient(stub, baseAddress: OpenRouter);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => Post(client, sync, "Bearer " + OpenRouterKey, TestContext.Current.CancellationToken));

        Assert.Equal("openrouter", e.Failure.Provider);
        Assert.Equal("Provider returned error (Anthropic: invalid x-api-key)", e.Failure.ServerMessage);
        Assert.Equal("401", e.Failure.ErrorCode);
        Assert.Equal("req_011CUpstream00000000000001", e.Failure.RequestId);
    }

    /// <summary>Keys the upstream echoes in its own message (not the key that was sent) are redacted in every text.</summary>
    public static TheoryData<string, string, bool> EchoedUpstreamKeys
    {
        get
        {
            string anthropic = TestKeys.Anthropic(101);
            string openai = TestKeys.OpenAIProject(103);
            string google = TestKeys.Google(107);
            var data = new TheoryData<string, string, bool>();
            foreach (bool sync in new[] { true, false })
            {
                data.Add(OpenRouterWrap(401, Json(new { type = "error", error = new { type = "authentication_error", message = "invalid x-api-key: " + anthropic } }), "Anthropic"), anthropic, sync);
                data.Add(LiteLLMWrap("litellm.AuthenticationError: OpenAIException - Incorrect API key provided: " + openai + ". You can find your API key at https://platform.openai.com/account/api-keys.", 401), openai, sync);
                data.Add(OpenRouterWrap(403, Json(new { error = new { code = 403, message = "Permission denied: Consumer 'api_key:" + google + "' has been suspended.", status = "PERMISSION_DENIED", details = new[] { new { reason = "CONSUMER_SUSPENDED" } } } }), "Google"), google, sync);
            }

            return data;
        }
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(EchoedUpstreamKeys))]
    public async Task Send_UpstreamEchoesItsKey_RedactedEverywhere_Issue14(string body, string echoedKey, bool sync)
    {
        HttpStatusCode status = body.Contains("\"code\":403", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized;
        bool openRouter = body.Contains("Provider returned error", StringComparison.Ordinal);
        var stub = RecordingHandler.Answering(status, body);
        using var client = new TestClient(stub, baseAddress: openRouter ? OpenRouter : LiteLLM);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => Post(client, sync, "Bearer " + (openRouter ? OpenRouterKey : VirtualKey), TestContext.Current.CancellationToken));

        Assert.NotNull(e.Failure.ServerMessage);
        Assert.DoesNotContain(echoedKey[..16], e.Failure.ServerMessage, StringComparison.Ordinal);
        foreach (string? text in new[] { e.Message, e.Failure.ToString(), e.Failure.Remediation, e.Failure.ServerMessage, e.Failure.ErrorCode, e.Failure.RequestId, client.AllLogText() })
        {
            Assert.False(text is not null && SecretRedactor.Leaks(text, echoedKey), "an upstream's echo of its key shows in: " + text);
        }
    }

    private static Task<HttpResponseMessage> Post(TestClient client, bool sync, string authorization, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return client.SendAsync(sync, request, cancellationToken);
    }

    private static string KeyHintOf(string key) => ApiAuth.Internal.KeyHint.For(key);
}
