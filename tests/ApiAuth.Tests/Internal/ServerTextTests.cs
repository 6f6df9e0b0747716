using System.Net;
using System.Text.Json;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 13, "one copy of each helper": one <see cref="ServerText.Clip"/> for the body parser (2,048), the request id (128)
/// and the redactor (1,024 with an ellipsis), and one <see cref="ServerText.IsNumber"/>. The drift the copies shared — a cut
/// between the two halves of a surrogate pair, which leaves a lone surrogate in a message, a log and a JSON export — is
/// fixed once and pinned here, through the handler on both doors.
/// </summary>
public sealed class ServerTextTests
{
    private const string Emoji = "\U0001F600";

    [Theory]
    [InlineData("", 5, null, "")]
    [InlineData("abc", 3, null, "abc")]
    [InlineData("abcdef", 4, null, "abcd")]
    [InlineData("abcdef", 4, "…", "abc…")]
    [InlineData("abc" + Emoji + "def", 4, null, "abc")]
    [InlineData("abc" + Emoji + "def", 5, null, "abc" + Emoji)]
    [InlineData("ab" + Emoji + "def", 4, "…", "ab…")]
    [InlineData("abc" + Emoji + "def", 5, "…", "abc…")]
    public void Clip_Text_CutsToTheLimitNeverInsideASurrogatePair_Issue13(string value, int max, string? marker, string expected)
    {
        string clipped = ServerText.Clip(value, max, marker);

        Assert.Equal(expected, clipped);
        Assert.True(clipped.Length <= max);
    }

    [Fact]
    public void Clip_Null_IsEmpty() => Assert.Equal(string.Empty, ServerText.Clip(null, 8));

    [Theory]
    [InlineData("401", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("-1", false)]
    [InlineData("4e2", false)]
    [InlineData("40 1", false)]
    [InlineData("\u0664\u0660\u0661", false)]
    [InlineData("invalid_api_key", false)]
    public void IsNumber_Value_OnlyAsciiDigits(string value, bool expected) => Assert.Equal(expected, ServerText.IsNumber(value));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ServerMessageCutInsideAnEmoji_NoLoneSurrogate_Issue13(bool sync)
    {
        // The redactor keeps 1,023 characters and an ellipsis: put an emoji across that cut.
        const string Lead = "Incorrect API key provided. ";
        string filler = string.Concat(Enumerable.Repeat("lorem ipsum ", 100))[..(SecretRedactor.MaxMessageLength - 2 - Lead.Length)];
        string message = Lead + filler + Emoji + string.Concat(Enumerable.Repeat(" dolor", 100));
        Assert.True(char.IsHighSurrogate(message[SecretRedactor.MaxMessageLength - 2]));
        string body = "{\"error\":{\"message\":" + JsonSerializer.Serialize(message) + ",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, body);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + TestKeys.OpenAIProject()));

        string shown = Assert.IsType<string>(e.Failure.ServerMessage);
        Assert.StartsWith(Lead + filler[..16], shown, StringComparison.Ordinal);
        Assert.EndsWith(filler[^8..] + "…", shown, StringComparison.Ordinal);
        Assert.True(shown.Length <= SecretRedactor.MaxMessageLength);
        AssertNoLoneSurrogate(shown);
        AssertNoLoneSurrogate(e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_RequestIdCutInsideAnEmoji_NoLoneSurrogate_Issue13(bool sync)
    {
        string id = new string('r', ErrorClassifier.MaxRequestIdLength - 1) + Emoji + "tail";
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"code\":\"invalid_api_key\"}}", null, ("x-request-id", id));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + TestKeys.OpenAIProject()));

        Assert.Equal(new string('r', ErrorClassifier.MaxRequestIdLength - 1), e.Failure.RequestId);
    }

    [Fact]
    public void Parse_MessageCutInsideAnEmoji_NoLoneSurrogate_Issue13()
    {
        string message = new string('m', ErrorBodyParser.MaxTextLength - 1) + Emoji + "more";
        byte[] body = System.Text.Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"" + message + "\"}}");

        ErrorFacts facts = ErrorBodyParser.Parse(body, "application/json", authenticate: null);

        Assert.Equal(new string('m', ErrorBodyParser.MaxTextLength - 1), facts.Message);
    }

    [Fact]
    public void Parse_LongMessage_KeepsExactlyTheLimit()
    {
        string message = new string('m', ErrorBodyParser.MaxTextLength + 100);
        byte[] body = System.Text.Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"" + message + "\"}}");

        ErrorFacts facts = ErrorBodyParser.Parse(body, "application/json", authenticate: null);

        Assert.Equal(ErrorBodyParser.MaxTextLength, facts.Message?.Length);
    }

    private static void AssertNoLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                Assert.True(i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]), $"lone high surrogate at {i}");
                i++;
            }
            else
            {
                Assert.False(char.IsLowSurrogate(text[i]), $"lone low surrogate at {i}");
            }
        }
    }
}
