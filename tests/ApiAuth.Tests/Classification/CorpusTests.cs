using System.Net;
using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Every recorded response in <c>Fixtures/</c>, driven through the real handler on both doors, with the request
/// addressed to the fixture's host (so the profile is detected by host) carrying a plausible key of that provider.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string, bool> FixturesOnBothDoors
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string path in Fixture.All)
            {
                data.Add(path, true);
                data.Add(path, false);
            }

            return data;
        }
    }

    public static TheoryData<string> Fixtures => [.. Fixture.All];

    /// <summary>Fixtures that record their expected error code and request id (the not-auth set does not).</summary>
    public static TheoryData<string> FixturesWithFacts => [.. Fixture.All.Where(p => Fixture.Load(p).DeclaresFacts)];

    [Fact]
    public void Corpus_Loaded_HasEveryRecordedResponse()
    {
        Assert.True(Fixture.All.Count() >= 145, "the corpus is copied to the output directory");
    }

    [Theory]
    [MemberData(nameof(FixturesOnBothDoors))]
    public async Task Send_Fixture_ClassifiesAsExpected(string fixturePath, bool sync)
    {
        Fixture fixture = Fixture.Load(fixturePath);
        ProviderProfile profile = fixture.Profile;

        // A server that says no credential arrived was, at a host that does not require one, sent none.
        bool sendKey = !(fixture.Cause == AuthFailureCause.MissingKey && !profile.KeyRequired);
        string key = Fixture.KeyFor(profile.Id);
        var stub = new RecordingHandler(_ => fixture.ToResponse());
        using var client = new TestClient(stub, baseAddress: "https://" + fixture.Host + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Uri) { Content = new StringContent("{}") };
        if (sendKey)
        {
            request.Headers.TryAddWithoutValidation(profile.KeyHeader, profile.KeyScheme is null ? key : profile.KeyScheme + " " + key);
        }

        HttpResponseMessage? response = null;
        Exception? thrown = null;
        try
        {
            response = await client.SendAsync(sync, request, TestContext.Current.CancellationToken);
        }
        catch (Exception caught)
        {
            thrown = caught;
        }

        Assert.Single(stub.Requests);
        if (fixture.PassThrough)
        {
            Assert.Null(thrown);
            Assert.NotNull(response);
            Assert.Equal(fixture.Status, (int)response.StatusCode);
            Assert.Equal(fixture.Body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            response.Dispose();
            return;
        }

        ApiAuthException e = Assert.IsType<ApiAuthException>(thrown);
        AuthFailure failure = e.Failure;
        Assert.Equal(fixture.Cause, failure.Cause);
        Assert.Equal(ExpectedProvider(fixture), failure.Provider);
        Assert.Equal(fixture.Status, (int?)failure.StatusCode);
        Assert.True(failure.RequestWasSent);
        Assert.Equal(fixture.RequestId, failure.RequestId);
        Assert.Equal(fixture.ErrorCode, failure.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(failure.Remediation));
        Assert.DoesNotContain("{", failure.Remediation.Replace("${", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        foreach (string? text in new[] { e.Message, failure.ToString(), failure.Remediation, failure.ServerMessage, failure.KeyHint, client.AllLogText() })
        {
            if (text is not null)
            {
                Assert.DoesNotContain(key, text, StringComparison.Ordinal);
                Assert.False(SecretRedactor.Leaks(text, key), "a failure text shows more of the key than its hint");
            }
        }
    }

    /// <summary>
    /// The provider a failure must name: the one the fixture was recorded from (its <c>provider</c> field), not a second run
    /// of the production host lookup. Relays, self-hosted servers and infrastructure have no profile of their own, and a
    /// vendor's product reached through a host that is not the vendor's API host is not attributed to the vendor: ApiAuth
    /// answers for those as the generic profile. The second kind is listed by name, so a change either way shows here.
    /// </summary>
    private static string ExpectedProvider(Fixture fixture) =>
        fixture.Provider is "litellm" or "vllm" or "ollama" or "one-api" or "infrastructure" || fixture.Path is
            "azure-openai/apim-invalid-subscription-key.json" or "azure-openai/apim-missing-subscription-key.json" // Azure API Management (*.azure-api.net)
            or "gemini/permission-denied-project-array-wrapped.json" // Gemini Code Assist (cloudcode-pa.googleapis.com)
            ? BuiltInProfiles.GenericId
            : fixture.Provider;

    /// <summary>The pure path (facts, request id, error code) for every fixture, pass-through ones included.</summary>
    [Theory]
    [MemberData(nameof(FixturesWithFacts))]
    public void ReadFacts_Fixture_FindsCodeAndRequestId(string fixturePath)
    {
        Fixture fixture = Fixture.Load(fixturePath);
        using HttpResponseMessage response = fixture.ToResponse();

        ErrorFacts facts = ErrorClassifier.ReadFacts(response, System.Text.Encoding.UTF8.GetBytes(fixture.Body));

        Assert.Equal(fixture.ErrorCode, facts.PrimaryCode);
        Assert.Equal(fixture.RequestId, ErrorClassifier.RequestId(fixture.Profile, response.Headers, facts));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Classify_Fixture_PassesThroughOnlyWhatIsNotAboutAuth(string fixturePath)
    {
        Fixture fixture = Fixture.Load(fixturePath);
        using HttpResponseMessage response = fixture.ToResponse();
        string key = Fixture.KeyFor(fixture.Profile.Id);
        var sent = new SentCredential { HeaderValue = "Bearer " + key, KeyOffset = 7 };

        AuthFailure? failure = ErrorClassifier.Classify(fixture.Profile, response, System.Text.Encoding.UTF8.GetBytes(fixture.Body), sent, fixture.Uri.IdnHost);

        Assert.Equal(fixture.PassThrough, failure is null);
    }
}
