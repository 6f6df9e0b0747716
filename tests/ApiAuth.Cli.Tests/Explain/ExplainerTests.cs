using ApiAuth.Cli.Explain;
using ApiAuth.Cli.Tests.TestDoubles;

namespace ApiAuth.Cli.Tests.Explain;

public class ExplainerTests
{
    [Fact]
    public void Explain_OpenAIJsonBody_InvalidKey()
    {
        const string Body = """{"error":{"message":"Incorrect API key provided: sk-proj-********abcd. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

        Explanation e = Explainer.Explain(Body);

        Assert.Equal(("openai", 401, "assumed"), (e.Provider, e.Status, e.StatusSource));
        Assert.Equal(AuthFailureCause.InvalidKey, e.Failure?.Cause);
    }

    [Fact]
    public void Explain_PythonSdkExceptionLine_ParsesDictReprAndStatus()
    {
        const string Line = "openai.AuthenticationError: Error code: 401 - {'error': {'message': \"You didn't provide an API key.\", 'type': 'invalid_request_error', 'param': None, 'code': None}}";

        Explanation e = Explainer.Explain(Line);

        Assert.True(e.FoundBody);
        Assert.Equal((401, "text"), (e.Status, e.StatusSource));
        Assert.Equal(AuthFailureCause.MissingKey, e.Failure?.Cause);
    }

    [Fact]
    public void Explain_AnthropicBodyWithRequestId_DetectsProviderAndRequestId()
    {
        const string Text = """HTTP/1.1 401 Unauthorized request-id: req_011CAbCdEfGhIjKlMnOpQr {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CAbCdEfGhIjKlMnOpQr"}""";

        Explanation e = Explainer.Explain(Text);

        Assert.Equal("anthropic", e.Provider);
        Assert.Equal(AuthFailureCause.InvalidKey, e.Failure?.Cause);
        Assert.Equal("req_011CAbCdEfGhIjKlMnOpQr", e.Failure?.RequestId);
    }

    [Fact]
    public void Explain_GeminiExpiredKey_TakesStatusFromBody()
    {
        const string Body = """{"error":{"code":400,"message":"API key expired. Please renew the API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""";

        Explanation e = Explainer.Explain(Body);

        Assert.Equal(("gemini", 400), (e.Provider, e.Status));
        Assert.Equal(AuthFailureCause.ExpiredCredential, e.Failure?.Cause);
    }

    [Fact]
    public void Explain_QuotaError_IsNotAnAuthFailure()
    {
        Explanation e = Explainer.Explain("""Error code: 429 - {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""", provider: "openai");

        Assert.Null(e.Failure);
    }

    [Fact]
    public void Explain_TextHoldingAFullKey_ReportsItsHintOnly()
    {
        string key = TestKeys.OpenAI();

        Explanation e = Explainer.Explain($"curl -H 'Authorization: Bearer {key}' https://api.openai.com/v1/models -> 401 Unauthorized");

        Assert.Equal(["sk-proj-…Ab12"], e.KeysInText);
    }
}
