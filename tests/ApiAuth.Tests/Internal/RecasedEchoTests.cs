using System.Net;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Red-team finding (issue 15's red team; older than it): a run of 7 key characters, recased or split by a separator, fell
/// between the exact 6-character windows (case-sensitive) and the 8-character letters-and-digits windows, and reached the
/// failure's message, request id and error code: with the hint's 4 characters, 11 of the key. The letters-and-digits
/// windows are now as short as the exact ones, so any 6 of the key's letters and digits in a row are found however they
/// are cased or grouped.
/// </summary>
public sealed class RecasedEchoTests
{
    private static readonly string Key = "pplx-" + TestKeys.Body(25, 3) + TestKeys.Body(23, 5);

    public static TheoryData<string> Echoes()
    {
        string secret = Key[20..27];
        return new TheoryData<string>
        {
            secret.ToUpperInvariant(),
            secret.ToLowerInvariant(),
            secret[..4] + "-" + secret[4..],
            secret[..3] + "." + secret[3..].ToUpperInvariant(),
            secret[..6].ToUpperInvariant(),
            string.Join(':', secret.Chunk(2).Select(c => new string(c))),
        };
    }

    [Theory]
    [MemberData(nameof(Echoes))]
    public void ClassifyResponse_RecasedOrRegroupedRunOfTheKey_RedactedInMessageRequestIdAndCode_RedTeam15(string echo)
    {
        AuthFailure? failure = ApiAuthDiagnostics.ClassifyResponse("perplexity", new SavedResponse
        {
            StatusCode = HttpStatusCode.Unauthorized,
            ContentType = "application/json",
            Body = "{\"error\":{\"message\":\"Invalid API key " + echo + ".\",\"code\":\"trace:" + echo + "\"}}",
            Headers = [KeyValuePair.Create("x-request-id", echo)],
            SentKey = Key,
        });

        Assert.NotNull(failure);
        foreach (string? shown in new[] { failure.ServerMessage, failure.RequestId, failure.ErrorCode, failure.ToString() })
        {
            Assert.False(SecretRedactor.Leaks(shown, Key), $"'{shown}' shows '{echo}' of the key");
            Assert.DoesNotContain(echo, shown ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("Invalid API key provided. Please check your request and try again.")]
    [InlineData("Your authentication token is not valid for this organization.")]
    public void ClassifyResponse_OrdinaryWordsWithTheKeySent_NotRedacted_RedTeam15(string message)
    {
        AuthFailure? failure = ApiAuthDiagnostics.ClassifyResponse("perplexity", new SavedResponse
        {
            StatusCode = HttpStatusCode.Unauthorized,
            ContentType = "application/json",
            Body = "{\"error\":{\"message\":\"" + message + "\"}}",
            SentKey = Key,
        });

        Assert.Equal(message, failure?.ServerMessage);
    }
}
