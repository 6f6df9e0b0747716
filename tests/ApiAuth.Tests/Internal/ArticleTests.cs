using System.Net;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 13, "one copy of each helper": the library's two paths that name another vendor's key — refused before sending,
/// and recognised in the server's echo after a rejection — once wrote "an xAI key" and "a xAI key". Both now call
/// <see cref="Article.With"/>; pinned on both doors.
/// </summary>
public sealed class ArticleTests
{
    [Theory]
    [InlineData("xAI", "an xAI")]
    [InlineData("OpenAI", "an OpenAI")]
    [InlineData("Anthropic", "an Anthropic")]
    [InlineData("AWS", "an AWS")]
    [InlineData("Groq", "a Groq")]
    [InlineData("Google", "a Google")]
    [InlineData("Hugging Face", "a Hugging Face")]
    [InlineData("", "a ")]
    public void With_VendorName_TakesTheArticleOfItsFirstSound(string name, string expected) =>
        Assert.Equal(expected, Article.With(name));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_XaiKeyToOpenAI_RefusalSaysAnXaiKey_Issue13(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + TestKeys.XAI());

        Assert.Equal(AuthFailureCause.WrongProviderKey, e.Failure.Cause);
        Assert.Contains("an xAI key", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("a xAI", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ServerEchoesAnXaiKey_FailureSaysAnXaiKey_Issue13(bool sync)
    {
        // A relay in front of OpenAI swapped the key for an xAI one and the server echoes its masked form.
        string body = "{\"error\":{\"message\":\"Incorrect API key provided: xai-AbCd************************wXyZ. You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, body);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + TestKeys.OpenAIProject()));

        Assert.Equal(AuthFailureCause.WrongProviderKey, e.Failure.Cause);
        Assert.Contains("an xAI key", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("a xAI", e.Failure.Remediation, StringComparison.Ordinal);
    }
}
