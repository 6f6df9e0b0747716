using System.Net.Http.Headers;
using System.Text;
using ApiAuth.Internal;

namespace ApiAuth.Tests.Internal.Classification;

/// <summary>The body parser on its own: bytes, media type and challenge in, the facts classification reads out.</summary>
public sealed class ErrorBodyParserTests
{
    private static ErrorFacts Parse(string body, string? mediaType = "application/json", params string[] challenges)
    {
        using var response = new HttpResponseMessage();
        foreach (string challenge in challenges)
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        }

        return ErrorBodyParser.Parse(Encoding.UTF8.GetBytes(body), mediaType, response.Headers.WwwAuthenticate);
    }

    /// <summary>A body, then the format, message, code, type, status, reason and request id it yields (null: absent).</summary>
    public static TheoryData<string, string?, string, string?, string?, string?, string?, string?, string?> Bodies() => new()
    {
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"error":{"message":"Incorrect API key provided: sk-proj-****abcd.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", "application/json",
            "Json", "Incorrect API key provided: sk-proj-****abcd.", "invalid_api_key", "invalid_request_error", null, null, null) { Label = "OpenAI" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CX"}""", "application/json",
            "Json", "invalid x-api-key", null, "authentication_error", null, null, "req_011CX") { Label = "Anthropic, request id at the root" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}]""", "application/json",
            "Json", "API key not valid. Please pass a valid API key.", "400", null, "INVALID_ARGUMENT", "API_KEY_INVALID", null) { Label = "Google, array-wrapped, numeric code as text" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"error":{"code":"401","message":"Access denied due to invalid subscription key.","innererror":{"code":"InvalidSubscriptionKey"}}}""", "application/json",
            "Json", "Access denied due to invalid subscription key.", "401", null, null, "InvalidSubscriptionKey", null) { Label = "Azure inner error" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Unauthorized","status":401,"detail":"Invalid API key","traceId":"00-abc-01"}""", "application/problem+json",
            "ProblemJson", "Invalid API key", null, null, null, null, "00-abc-01") { Label = "problem+json: detail over title, numeric status and URI type ignored" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"error":"Invalid API key"}""", "application/json",
            "Json", "Invalid API key", null, null, null, null, null) { Label = "error as a string" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"detail":["Token expired","second"]}""", "application/json",
            "Json", "Token expired", null, null, null, null, null) { Label = "array of strings: the first" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}""", "application/json",
            "Json", "Invalid ApiKey", "oauth.v2.InvalidApiKey", null, null, null, null) { Label = "Apigee fault" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"error":{"message":"无效的令牌 (request id: 2025112612)","type":"new_api_error"}}""", "application/json",
            "Json", "无效的令牌 (request id: 2025112612)", null, "new_api_error", null, null, "2025112612") { Label = "one-api request id in the message" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            """{"error":{"code":"invalid_api_key","message":"Incorrect API key prov""", "application/json",
            "Json", null, "invalid_api_key", null, null, null, null) { Label = "truncated: what was read before the fault" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            "<html><head><title>401 Authorization Required</title></head><body><h1>401 Authorization Required</h1></body></html>", "text/html",
            "Html", "401 Authorization Required", null, null, null, null, null) { Label = "nginx page" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            "error code: 1020", "text/plain",
            "Text", "error code: 1020", "1020", null, null, null, null) { Label = "Cloudflare text code" },
        new TheoryDataRow<string, string?, string, string?, string?, string?, string?, string?, string?>(
            " \r\n\t", "application/json",
            "Empty", null, null, null, null, null, null) { Label = "blank" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Parse_Body_FindsItsFields(string body, string? mediaType, string format, string? message, string? code, string? type, string? status, string? reason, string? requestId)
    {
        ErrorFacts facts = Parse(body, mediaType);

        Assert.Equal(format, facts.Format.ToString());
        if (format == "Html")
        {
            Assert.Contains(message!, facts.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("<", facts.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(message, facts.Message);
        }

        Assert.Equal(code, facts.Code);
        Assert.Equal(type, facts.Type);
        Assert.Equal(status, facts.Status);
        Assert.Equal(reason, facts.Reason);
        Assert.Equal(requestId, facts.RequestId);
    }

    [Fact]
    public void Parse_ErrorObjectMessage_WinsOverRootMessageWhateverTheOrder()
    {
        ErrorFacts facts = Parse("""{"message":"root","error":{"message":"specific"}}""");

        Assert.Equal("specific", facts.Message);
        Assert.Equal(3, facts.MessagePriority);
    }

    [Theory]
    [InlineData("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"", "invalid_token", "The access token expired", false)]
    [InlineData("Bearer error=invalid_token", "invalid_token", null, false)]
    [InlineData("Bearer realm=\"api\"", null, null, true)]
    [InlineData("Basic realm=\"api\"", null, null, false)]
    public void Parse_WwwAuthenticate_ReadsTheRfc6750ErrorOrABareBearerChallenge(string challenge, string? error, string? description, bool bare)
    {
        ErrorFacts facts = Parse(string.Empty, null, challenge);

        Assert.Equal(error, facts.AuthenticateError);
        Assert.Equal(description, facts.AuthenticateDescription);
        Assert.Equal(bare, facts.BareBearerChallenge);
        Assert.Equal(ErrorBodyFormat.Empty, facts.Format);
    }

    [Fact]
    public void Parse_MessageLongerThanTheCap_IsClipped()
    {
        ErrorFacts facts = Parse("{\"error\":{\"message\":\"" + new string('m', 10_000) + "\"}}");

        Assert.NotNull(facts.Message);
        Assert.InRange(facts.Message.Length, 1, 2_100);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(200_000)]
    public void Parse_NestingDeeperThanTheReaderAllows_FallsBackToClippedTextWithoutThrowing(int depth)
    {
        ErrorFacts facts = Parse(new string('[', depth) + new string(']', depth));

        Assert.Equal(ErrorBodyFormat.Text, facts.Format);
        Assert.NotNull(facts.Message);
        Assert.InRange(facts.Message.Length, 1, 2_100);
        Assert.Null(facts.Code);
    }

    [Fact]
    public void Parse_ValueDeeperThanTheDepthLimit_IsIgnored()
    {
        static string Wrapped(int levels) => string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "{\"error\":{\"code\":\"invalid_api_key\"}}" + new string('}', levels);

        Assert.Equal("invalid_api_key", Parse(Wrapped(3)).Code);
        Assert.Null(Parse(Wrapped(20)).Code);
    }

    [Theory]
    [InlineData("realm=\"api\", error=\"invalid_token\"", "error", "invalid_token")]
    [InlineData("error=\"say \\\"no\\\"\", realm=x", "error", "say \"no\"")]
    [InlineData("realm=x,error=insufficient_scope", "error", "insufficient_scope")]
    [InlineData("realm=\"api\"", "error", null)]
    public void AuthParameter_ParameterList_ReadsQuotedAndPlainValues(string parameters, string name, string? value)
    {
        Assert.Equal(value, ErrorBodyParser.AuthParameter(parameters, name));
    }

    [Theory]
    [InlineData("Token expired (request id: 2025X)", "2025X")]
    [InlineData("Token expired (Request ID:  abc-1 )", "abc-1")]
    [InlineData("Token expired (request id: )", null)]
    [InlineData("Token expired", null)]
    [InlineData(null, null)]
    public void RequestIdInMessage_Suffix_IsFound(string? message, string? id)
    {
        Assert.Equal(id, ErrorBodyParser.RequestIdInMessage(message));
    }
}
