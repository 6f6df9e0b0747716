using System.Net;
using ApiAuth.Internal;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 13: the CLI's <c>explain</c> read masked echoes with its own regex and rewrote the library's "(the key you sent)"
/// by a literal copy; both now come from the library (<see cref="ErrorClassifier.EchoedKeyEnding"/>,
/// <see cref="ErrorClassifier.UnknownKeyText"/>).
/// </summary>
public sealed class EchoedKeyEndingTests
{
    [Theory]
    [InlineData("Incorrect API key provided: sk-proj-********Zq7x. You can find your API key at https://platform.openai.com.", "Zq7x")]
    [InlineData("Incorrect API key provided: sk-abc1***************************wxyz", "wxyz")]
    [InlineData("key ****ab_9, rejected", "ab_9")]
    [InlineData("Your api key: ****_KEY is invalid", null)]
    [InlineData("Your api key: YOUR****HERE is invalid", null)]
    [InlineData("Incorrect API key provided: sk-abc1***wxyz5", null)]
    [InlineData("Incorrect API key provided: sk-abc1***xyz", null)]
    [InlineData("Incorrect API key provided: sk-abc1**wxyz", null)]
    [InlineData("no echo at all", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void EchoedKeyEnding_Message_IsTheLastFourOfAMaskedKeyOnly_Issue13(string? message, string? expected) =>
        Assert.Equal(expected, ErrorClassifier.EchoedKeyEnding(message));

    [Fact]
    public void ClassifyResponse_KeyNeverSeen_RemediationNamesItByTheUnknownKeyText_Issue13()
    {
        AuthFailure? failure = ApiAuthDiagnostics.ClassifyResponse("openai", new SavedResponse { StatusCode = HttpStatusCode.Unauthorized, Body = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-********Zq7x.\",\"code\":\"invalid_api_key\"}}", ContentType = "application/json" });

        Assert.NotNull(failure);
        Assert.Null(failure.KeyHint);
        Assert.Contains("the key (" + ErrorClassifier.UnknownKeyText + ")", failure.Remediation, StringComparison.Ordinal);
    }
}
