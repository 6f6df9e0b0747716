using System.Net;
using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal.Classification;

/// <summary>
/// The classifier's pure core on its own: (profile, status, headers, facts, what was sent) in, a failure or nothing out.
/// The body parser is not involved (its own tests are <c>ErrorBodyParserTests</c>); the recorded bodies are in <c>CorpusTests</c>.
/// </summary>
public sealed class ErrorClassifierTests
{
    private const string Host = "api.example.test";

    private static readonly string Key = TestKeys.OpenAIProject();

    private static SentCredential Sent => new() { HeaderValue = "Bearer " + Key, KeyOffset = 7 };

    private static ProviderProfile Profile(string id)
    {
        Assert.True(ProviderRegistry.Default.TryGet(id, out ProviderProfile profile));
        return profile;
    }

    private static AuthFailure? Classify(string profileId, int status, ErrorFacts facts, HttpResponseMessage? headers = null) =>
        ErrorClassifier.Classify(Profile(profileId), (HttpStatusCode)status, headers?.Headers, facts, Sent, Host);

    [Theory]
    [InlineData(400, true)]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(200, false)]
    [InlineData(404, false)]
    [InlineData(407, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    public void IsInspected_Status_OnlyTheThreeAuthStatuses(int status, bool inspected)
    {
        Assert.Equal(inspected, ErrorClassifier.IsInspected((HttpStatusCode)status));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(500)]
    public void Classify_StatusNotInspected_NothingWhateverTheFactsSay(int status)
    {
        Assert.Null(Classify("openai", status, new ErrorFacts { Code = "invalid_api_key", Message = "Incorrect API key provided" }));
    }

    /// <summary>Profile, status, facts (code, type, reason, message) and the cause they mean.</summary>
    public static TheoryData<string, int, string?, string?, string?, string?, AuthFailureCause> Evidence() => new()
    {
        { "openai", 401, "invalid_api_key", "invalid_request_error", null, "Incorrect API key provided: sk-proj-****abcd.", AuthFailureCause.InvalidKey },
        { "openai", 401, "mismatched_organization", null, null, "OpenAI-Organization header should match organization for API key", AuthFailureCause.WrongOrganization },
        { "openai", 401, "account_deactivated", null, null, "This key is associated with a deactivated account.", AuthFailureCause.AccountDisabled },
        { "anthropic", 401, null, "authentication_error", null, "invalid x-api-key", AuthFailureCause.InvalidKey },
        { "anthropic", 403, null, "permission_error", null, "Your API key does not have permission to use the specified resource.", AuthFailureCause.InsufficientPermissions },
        { "gemini", 400, "400", null, "API_KEY_INVALID", "API key not valid. Please pass a valid API key.", AuthFailureCause.InvalidKey },
        { "gemini", 400, "400", null, "API_KEY_INVALID", "API key expired. Please renew the API key.", AuthFailureCause.ExpiredCredential },
        { "generic", 401, null, null, null, "Jwt is expired", AuthFailureCause.ExpiredCredential },
        { "generic", 401, null, null, null, "Unauthorized", AuthFailureCause.Unknown },
        { "openai", 401, null, null, null, null, AuthFailureCause.Unknown },
    };

    [Theory]
    [MemberData(nameof(Evidence))]
    public void Classify_Facts_CauseAndTheFailuresFixedFields(string profileId, int status, string? code, string? type, string? reason, string? message, AuthFailureCause cause)
    {
        var facts = new ErrorFacts { Code = code, Type = type, Reason = reason, Message = message, Format = ErrorBodyFormat.Json };

        AuthFailure? failure = Classify(profileId, status, facts);

        Assert.NotNull(failure);
        Assert.Equal(cause, failure.Cause);
        Assert.Equal(profileId, failure.Provider);
        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.True(failure.RequestWasSent);
        Assert.Equal(Host, failure.Host);
        Assert.Equal(facts.PrimaryCode, failure.ErrorCode);
        Assert.Equal(message, failure.ServerMessage);
        Assert.Equal("sk-proj-\u2026" + Key[^4..], failure.KeyHint);
        Assert.False(string.IsNullOrWhiteSpace(failure.Remediation));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public void Classify_400Or403WithoutEvidence_PassesThrough_Issue10(int status)
    {
        Assert.Null(Classify("openai", status, new ErrorFacts { Message = "The model `gpt-9` does not exist or you do not have access to it.", Code = "model_not_found", Format = ErrorBodyFormat.Json }));
        Assert.Null(Classify("generic", status, new ErrorFacts { Message = "Bad request", Format = ErrorBodyFormat.Json }));
        Assert.Null(Classify("generic", status, new ErrorFacts { Format = ErrorBodyFormat.Empty }));
    }

    [Fact]
    public void Classify_BareBearerChallengeWithoutText_SaysNoCredentialArrived()
    {
        // RFC 6750 §3.1: nothing was sent (MissingKey), or what was sent is not where the service reads it (WrongHeaderName).
        ErrorFacts Bare() => new() { BareBearerChallenge = true };

        Assert.Equal(AuthFailureCause.MissingKey, ErrorClassifier.Classify(Profile("generic"), HttpStatusCode.Unauthorized, null, Bare(), default, Host)?.Cause);
        Assert.Equal(AuthFailureCause.WrongHeaderName, Classify("generic", 401, Bare())?.Cause);
        Assert.Equal(AuthFailureCause.Unknown, Classify("generic", 401, new ErrorFacts { BareBearerChallenge = true, Message = "Unauthorized" })?.Cause);
    }

    [Theory]
    [InlineData("invalid_token", AuthFailureCause.InvalidKey)]
    [InlineData("insufficient_scope", AuthFailureCause.InsufficientPermissions)]
    public void Classify_ChallengeErrorAt403_IsEvidence_Issue10(string error, AuthFailureCause cause)
    {
        Assert.Equal(cause, Classify("generic", 403, new ErrorFacts { AuthenticateError = error })?.Cause);
    }

    [Fact]
    public void Classify_RequestId_ProfileHeaderThenBodyThenFallbackHeaders()
    {
        using var withBoth = new HttpResponseMessage();
        withBoth.Headers.TryAddWithoutValidation("x-request-id", "req_header");
        withBoth.Headers.TryAddWithoutValidation("cf-ray", "8f00-SJC");
        using var onlyRay = new HttpResponseMessage();
        onlyRay.Headers.TryAddWithoutValidation("cf-ray", "8f00-SJC");
        ErrorFacts Facts() => new() { Code = "invalid_api_key", RequestId = "req_body" };

        Assert.Equal("req_header", Classify("openai", 401, Facts(), withBoth)?.RequestId);
        Assert.Equal("req_body", Classify("openai", 401, Facts(), onlyRay)?.RequestId);
        Assert.Equal("8f00-SJC", Classify("openai", 401, new ErrorFacts { Code = "invalid_api_key" }, onlyRay)?.RequestId);
        Assert.Null(Classify("openai", 401, new ErrorFacts { Code = "invalid_api_key" })?.RequestId);
    }

    [Fact]
    public void Classify_ServerEchoesTheKeyInEveryField_NoFieldShowsIt()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-request-id", Key);
        var facts = new ErrorFacts { Code = Key, Message = "Incorrect API key provided: " + Key + ".", Format = ErrorBodyFormat.Json };

        AuthFailure? failure = Classify("openai", 401, facts, response);

        Assert.NotNull(failure);
        foreach (string? text in new[] { failure.ServerMessage, failure.ErrorCode, failure.RequestId, failure.Remediation, failure.KeyHint, failure.ToString() })
        {
            Assert.False(text is not null && SecretRedactor.Leaks(text, Key), $"the key shows in: {text}");
        }
    }

    [Fact]
    public void Classify_NoCredentialSent_UnknownBecomesMissingKey()
    {
        AuthFailure? failure = ErrorClassifier.Classify(Profile("openai"), HttpStatusCode.Unauthorized, null, new ErrorFacts { Message = "Invalid authorization header" }, default, Host);

        Assert.Equal(AuthFailureCause.MissingKey, failure?.Cause);
        Assert.Null(failure?.KeyHint);
    }

    [Fact]
    public void Match_NoRules_Nothing()
    {
        Assert.Null(ErrorClassifier.Match([], HttpStatusCode.Unauthorized, new ErrorFacts { Code = "invalid_api_key" }, unprofiledService: false, evidenceOnly: false));
    }
}
