using System.Net;
using System.Text.Json;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 13, "one copy of each helper": the validator (before sending) and the echo judge (after a rejection) read one list of
/// placeholder words. The two copies had drifted: the echo judge missed <c>todo</c>, <c>testkey</c>, <c>my-api-key</c>,
/// <c>openai_api_key</c> and more, and the validator missed <c>[object</c> (how an echo of <c>[object Object]</c> reads).
/// </summary>
public sealed class PlaceholderWordsTests
{
    public static TheoryData<string> Words() => [.. PlaceholderWords.All];

    [Theory]
    [MemberData(nameof(Words))]
    public void CheckKey_EveryWord_IsPlaceholderAtAStrictProvider_Issue13(string word)
    {
        KeyCheck check = ApiAuthDiagnostics.CheckKey(word, "openai");

        Assert.Equal(AuthFailureCause.PlaceholderKey, check.Failure?.Cause);
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void ClassifyResponse_ServerEchoesEveryWord_IsPlaceholder_Issue13(string word)
    {
        string body = "{\"error\":{\"message\":" + JsonSerializer.Serialize("Incorrect API key provided: " + word + ". You can find your API key at https://platform.openai.com/account/api-keys.") + ",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

        AuthFailure? failure = ApiAuthDiagnostics.ClassifyResponse("openai", new SavedResponse { StatusCode = HttpStatusCode.Unauthorized, Body = body, ContentType = "application/json" });

        Assert.Equal(AuthFailureCause.PlaceholderKey, failure?.Cause);
    }

    [Fact]
    public void ClassifyResponse_ServerEchoesARealLookingKey_IsNotPlaceholder()
    {
        // The judge above can fail: a masked real key's echo stays an invalid key.
        string body = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-********Zq7x.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

        AuthFailure? failure = ApiAuthDiagnostics.ClassifyResponse("openai", new SavedResponse { StatusCode = HttpStatusCode.Unauthorized, Body = body, ContentType = "application/json" });

        Assert.Equal(AuthFailureCause.InvalidKey, failure?.Cause);
    }

    public static TheoryData<string, bool> FormerlyMissedByTheEchoJudge()
    {
        var data = new TheoryData<string, bool>();
        foreach (string word in new[] { "todo", "testkey", "my-api-key", "openai_api_key" })
        {
            data.Add(word, false);
            data.Add(word, true);
        }

        return data;
    }

    /// <summary>A self-hosted server (no strict placeholders, so the word is sent) echoes the word back: the failure names it.</summary>
    [Theory]
    [MemberData(nameof(FormerlyMissedByTheEchoJudge))]
    public async Task Send_LocalServerEchoesPlaceholderWord_IsPlaceholderKey_Issue13(string word, bool sync)
    {
        string body = "{\"error\":{\"message\":\"Incorrect API key provided: " + word + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        using var client = new TestClient(RecordingHandler.Answering(HttpStatusCode.Unauthorized, body), baseAddress: "http://localhost:8000/v1/");

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + word));

        Assert.True(e.Failure.RequestWasSent);
        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure.Cause);
        Assert.Contains("placeholder", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ObjectEchoWordAtStrictProvider_IsRefusedBeforeSending_Issue13(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer [object");

        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure.Cause);
    }
}
