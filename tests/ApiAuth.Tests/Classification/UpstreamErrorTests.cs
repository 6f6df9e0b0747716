using System.Net;
using System.Text;
using ApiAuth.Internal;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Issue 14 §2, the pure reading of a wrapped upstream error (<see cref="UpstreamError.Read"/>): which gateway, which
/// upstream, the upstream's stated status and its own error, one level deep; and bodies that wrap nothing.
/// </summary>
public sealed class UpstreamErrorTests
{
    /// <summary>(label, body, gateway, upstream display name, upstream profile id or "", stated status or 0, inner message, inner code or "").</summary>
    public static TheoryData<string, string, string, string, string, int, string, string> Wrapped => new()
    {
        {
            "openrouter raw string", """{"error":{"message":"Provider returned error","code":401,"metadata":{"raw":"{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}","provider_name":"Anthropic"}}}""",
            "OpenRouter", "Anthropic", "anthropic", 0, "invalid x-api-key", "authentication_error"
        },
        {
            "openrouter raw data object", """{"error":{"message":"Provider returned error","code":403,"metadata":{"raw":{"__kind":"OK","data":"{\"error\":{\"code\":\"unsupported_country_region_territory\",\"message\":\"Country, region, or territory not supported\"}}"},"provider_name":"OpenAI"}}}""",
            "OpenRouter", "OpenAI", "openai", 0, "Country, region, or territory not supported", "unsupported_country_region_territory"
        },
        {
            "openrouter raw text, provider named with spaces", """{"error":{"message":"Provider returned error","code":401,"metadata":{"raw":"Unauthorized","provider_name":"Google AI Studio"}}}""",
            "OpenRouter", "Google Gemini", "gemini", 0, "Unauthorized", ""
        },
        {
            "litellm azure", """{"error":{"message":"litellm.AuthenticationError: AzureException AuthenticationError - Access denied due to invalid subscription key or wrong API endpoint.. Received Model Group=gpt\nAvailable Model Group Fallbacks=None","type":null,"param":null,"code":"401"}}""",
            "LiteLLM", "Azure OpenAI", "azure-openai", 401, "Access denied due to invalid subscription key or wrong API endpoint..", ""
        },
        {
            "litellm openai error code and python repr", """{"error":{"message":"litellm.AuthenticationError: AuthenticationError: OpenAIException - Error code: 401 - {'error': {'message': \"Incorrect API key provided: sk-****Ab12. It's wrong.\", 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}","type":null,"param":null,"code":"401"}}""",
            "LiteLLM", "OpenAI", "openai", 401, "Incorrect API key provided: sk-****Ab12. It's wrong.", "invalid_api_key"
        },
        {
            "litellm status from error code overrides the class", """{"error":{"message":"litellm.AuthenticationError: OpenAIException - Error code: 429 - {'error': {'message': 'slow down', 'code': 'rate_limit_exceeded'}}","code":"401"}}""",
            "LiteLLM", "OpenAI", "openai", 429, "slow down", "rate_limit_exceeded"
        },
        {
            "litellm bedrock words before the dash", """{"error":{"message":"litellm.AuthenticationError: BedrockException Invalid Authentication - {\"message\":\"The security token included in the request is invalid.\"}. Received Model Group=claude\nAvailable Model Group Fallbacks=None","code":"401"}}""",
            "LiteLLM", "AWS (Bedrock)", "", 401, "The security token included in the request is invalid.", ""
        },
        {
            "litellm router suffix only", """{"error":{"message":"{\"message\":\"The security token included in the request is invalid.\"}. Received Model Group=cohere.rerank-v3-5:0\nAvailable Model Group Fallbacks=None","type":"None","param":"None","code":"403"}}""",
            "LiteLLM", "the upstream provider", "", 0, "The security token included in the request is invalid.", ""
        },
        {
            "litellm chained classes", """{"error":{"message":"litellm.ContextWindowExceededError: litellm.BadRequestError: AnthropicException - {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long\"}}","code":"400"}}""",
            "LiteLLM", "the upstream provider", "", 400, "litellm.BadRequestError: AnthropicException - {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long\"}}", ""
        },
        {
            "portkey", """{"error":{"message":"anthropic error: invalid x-api-key","type":"authentication_error","param":null,"code":null},"provider":"anthropic"}""",
            "Portkey", "Anthropic", "anthropic", 0, "invalid x-api-key", "authentication_error"
        },
        {
            "portkey unknown provider shown as written", """{"error":{"message":"lambda error: bad token","type":null,"param":null,"code":null},"provider":"lambda"}""",
            "Portkey", "lambda", "", 0, "bad token", ""
        },
    };

    [Theory]
    [MemberData(nameof(Wrapped))]
    public void Read_WrappedUpstreamError_FindsGatewayUpstreamAndInnerError_Issue14(string label, string body, string gateway, string upstream, string profileId, int status, string innerMessage, string innerCode)
    {
        UpstreamError? read = UpstreamError.Read(Facts(body));

        Assert.True(read is not null, label);
        Assert.Equal(gateway, read.Gateway.ShortName);
        Assert.Equal(upstream, read.Upstream.DisplayName);
        Assert.Equal(profileId, read.Upstream.Profile?.Id ?? string.Empty);
        Assert.Equal(status == 0 ? null : (HttpStatusCode?)status, read.InnerStatus);
        Assert.Equal(innerMessage, read.Inner.Message);
        Assert.Equal(innerCode, read.Inner.PrimaryCode ?? string.Empty);
        Assert.Null(read.Inner.UpstreamRaw);
    }

    /// <summary>Gateways' own errors and direct provider answers wrap nothing.</summary>
    [Theory]
    [InlineData("""{"error":{"message":"No auth credentials found","code":401}}""")]
    [InlineData("""{"error":{"message":"Authentication Error, Invalid proxy server token passed. valid_token=None.","type":"auth_error","param":"None","code":"401"}}""")]
    [InlineData("""{"error":{"message":"Authentication Error, LiteLLM Virtual Key expected. Received=sk-****, expected to start with 'sk-'.","type":"auth_error","code":"400"}}""")]
    [InlineData("""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""")]
    [InlineData("""{"error":{"message":"Incorrect API key provided: sk-****Ab12.","type":"invalid_request_error","code":"invalid_api_key"}}""")]
    [InlineData("""{"status":"failure","message":"portkey error: Invalid API key"}""")]
    [InlineData("""{"error":{"message":"portkey error: Invalid API key"},"provider":"portkey"}""")]
    [InlineData("""{"error":{"message":"Received Model Group=x but no upstream body"},"provider":"openai"}""")]
    [InlineData("litellm.AuthenticationError")]
    [InlineData("")]
    public void Read_NotWrapped_Null_Issue14(string body)
    {
        Assert.Null(UpstreamError.Read(Facts(body)));
    }

    /// <summary>One level only: an upstream body that itself looks wrapped is not unwrapped again.</summary>
    [Fact]
    public void Read_NestedWrap_ReadsOneLevel_Issue14()
    {
        string innerOpenRouter = """{"error":{"message":"Provider returned error","metadata":{"raw":"{\"error\":{\"message\":\"deeper\"}}","provider_name":"OpenAI"}}}""";
        string body = "{\"error\":{\"message\":\"Provider returned error\",\"code\":401,\"metadata\":{\"raw\":" + System.Text.Json.JsonSerializer.Serialize(innerOpenRouter) + ",\"provider_name\":\"OpenRouter\"}}}";

        UpstreamError? read = UpstreamError.Read(Facts(body));

        Assert.NotNull(read);
        Assert.Equal("Provider returned error", read.Inner.Message);
        Assert.Null(read.Inner.UpstreamRaw);
        Assert.Null(UpstreamError.Read(read.Inner));
    }

    [Fact]
    public void ToJson_PythonLiteral_ReadsAsTheSameValues_Issue14()
    {
        string json = PythonLiteral.ToJson("{'a': 'it\\'s', 'b': None, 'c': [True, False, 1.5e3], \"d\": \"say \\\"hi\\\"\", 'e': 'line\\nbreak'}");

        using var document = System.Text.Json.JsonDocument.Parse(json);
        System.Text.Json.JsonElement root = document.RootElement;
        Assert.Equal("it's", root.GetProperty("a").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("b").ValueKind);
        Assert.Equal("[true,false,1.5e3]", root.GetProperty("c").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal("say \"hi\"", root.GetProperty("d").GetString());
        Assert.Equal("line\nbreak", root.GetProperty("e").GetString());
    }

    [Theory]
    [InlineData("{'a': 'x'} trailing words", "{\"a\": \"x\"} ")]
    [InlineData("{'a': <object at 0x1>}", "{\"a\": ")]
    public void ToJson_NotALiteral_StopsWhereItEnds_Issue14(string python, string json)
    {
        Assert.Equal(json, PythonLiteral.ToJson(python));
    }

    /// <summary>
    /// A body cut anywhere (the bounded read stops at MaxErrorBodyBytes) or wrapped with the key inside: reading and classifying
    /// it never throws, at every status ApiAuth inspects, and a cut inside the upstream's text never yields more than was there.
    /// </summary>
    [Fact]
    public void Classify_WrappedBodiesCutAnywhere_NeverThrow_Issue14()
    {
        var sent = new SentCredential { HeaderValue = "Bearer sk-" + TestDoubles.TestKeys.Body(30, 5), KeyOffset = 7 };
        int classified = 0;
        foreach (TheoryDataRow<string, string, string, string, string, int, string, string> row in Wrapped)
        {
            string body = row.Data.Item2;
            for (int cut = 0; cut <= body.Length; cut++)
            {
                string prefix = body[..cut];
                foreach (HttpStatusCode status in new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden })
                {
                    Exception? thrown = Record.Exception(() =>
                    {
                        ErrorFacts facts = Facts(prefix);
                        UpstreamError? read = UpstreamError.Read(facts);
                        Assert.True(read?.Inner.Message is null || read.Inner.Message.Length <= prefix.Length, "the inner message is longer than the body");
                        classified += ErrorClassifier.Classify(ApiAuth.Providers.BuiltInProfiles.Generic, status, null, facts, sent, "gateway.example") is null ? 0 : 1;
                    });
                    Assert.Null(thrown);
                }
            }
        }

        Assert.True(classified > 0, "some cut bodies are still auth failures");
    }

    /// <summary>LiteLLM writes Python's None as the string "None": it is no code, so the status code it sent is reported.</summary>
    [Theory]
    [InlineData("""{"error":{"message":"x","type":"None","param":"None","code":"403"}}""", "403")]
    [InlineData("""{"error":{"message":"x","type":"null","code":"401"}}""", "401")]
    [InlineData("""{"error":{"message":"x","type":"None","code":"None"}}""", null)]
    [InlineData("""{"error":{"message":"x","type":"auth_error","code":"401"}}""", "auth_error")]
    public void PrimaryCode_PythonNoneAsText_IsNoCode_Issue14(string body, string? expected)
    {
        Assert.Equal(expected, Facts(body).PrimaryCode);
    }

    private static ErrorFacts Facts(string body) => ErrorBodyParser.Parse(Encoding.UTF8.GetBytes(body), "application/json", null);
}
