using System.Net;
using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Every recorded response in <c>Fixtures/</c>, driven through the real handler on both doors with the request the
/// fixture records (<c>request</c>: the key's format and header, or none), addressed to the fixture's host so the
/// profile is detected by host. Fixtures listed in <c>Fixtures/pending-14.txt</c> are skipped, naming that file.
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

    /// <summary>The pending fixtures that belong to issue 14's classes (the list's other entries fail for another reason).</summary>
    public static TheoryData<string> PendingIssue14Fixtures => [.. Fixture.Pending.Where(p => p.Value.StartsWith("class ", StringComparison.Ordinal)).Select(p => p.Key).Order(StringComparer.Ordinal)];

    [Fact]
    public void Corpus_Loaded_HasEveryRecordedResponse_Issue14()
    {
        int auth = Fixture.All.Count(p => !p.StartsWith(Fixture.NotAuthFolder, StringComparison.Ordinal));
        Assert.True(auth >= 260, $"the corpus is copied to the output directory: {auth} auth-failure fixtures");
    }

    [Fact]
    public void PendingList_EveryEntry_IsAnAuthFixtureOfTheCorpus_Issue14()
    {
        var all = new HashSet<string>(Fixture.All, StringComparer.Ordinal);
        Assert.All(Fixture.Pending, entry =>
        {
            Assert.True(all.Contains(entry.Key), $"{Fixture.PendingFile} lists {entry.Key}, which is not a fixture");
            Assert.False(Fixture.Load(entry.Key).PassThrough, $"{entry.Key}: only auth-failure fixtures may be pending");
            Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{entry.Key}: say what ApiAuth answers today");
        });
    }

    /// <summary>
    /// A pending fixture that ApiAuth now gets right must leave the list (its line in <c>Fixtures/pending-14.txt</c> is
    /// deleted), so that the corpus test guards it again: a skipped fixture that passes would hide its next regression.
    /// </summary>
    [Theory]
    [MemberData(nameof(PendingIssue14Fixtures))]
    public async Task Send_PendingFixture_IsStillWrongToday_Issue14(string fixturePath)
    {
        Fixture fixture = Fixture.Load(fixturePath);
        var wrong = new List<string>();

        var stub = new RecordingHandler(_ => fixture.ToResponse());
        using (var client = new TestClient(stub, baseAddress: "https://" + fixture.Host + "/"))
        using (HttpRequestMessage request = fixture.ToRequest())
        {
            try
            {
                using HttpResponseMessage response = await client.SendAsync(sync: false, request, TestContext.Current.CancellationToken);
                wrong.Add("passes through");
            }
            catch (ApiAuthException e)
            {
                AuthFailure failure = e.Failure;
                if (failure.Cause != fixture.Cause)
                {
                    wrong.Add($"cause {failure.Cause}");
                }

                if (failure.RequestWasSent && failure.RequestId != fixture.RequestId)
                {
                    wrong.Add($"request id {failure.RequestId ?? "none"}");
                }

                if (failure.RequestWasSent && failure.ErrorCode != fixture.ErrorCode)
                {
                    wrong.Add($"error code {failure.ErrorCode ?? "none"}");
                }

                if ((fixture.SentKey is null) != string.IsNullOrEmpty(failure.KeyHint))
                {
                    wrong.Add(fixture.SentKey is null ? "a key hint although none was sent" : "no key hint");
                }
            }
        }

        using HttpResponseMessage recorded = fixture.ToResponse();
        ErrorFacts facts = ErrorClassifier.ReadFacts(recorded, System.Text.Encoding.UTF8.GetBytes(fixture.Body));
        if (facts.PrimaryCode != fixture.ErrorCode || ErrorClassifier.RequestId(fixture.Profile, recorded.Headers, facts) != fixture.RequestId)
        {
            wrong.Add("facts");
        }

        string? value = fixture.SentHeaderValue;
        var sent = new SentCredential { HeaderValue = value, KeyOffset = value is null ? 0 : value.Length - (fixture.SentKey?.Length ?? 0), Carrier = fixture.KeyHeader };
        using HttpResponseMessage again = fixture.ToResponse();
        if (ErrorClassifier.Classify(fixture.Profile, again, System.Text.Encoding.UTF8.GetBytes(fixture.Body), sent, fixture.Uri.IdnHost) is null)
        {
            wrong.Add("pure classification passes through");
        }

        Assert.True(wrong.Count > 0, $"{fixturePath} is classified as labelled now: delete its line from Fixtures/{Fixture.PendingFile}");
    }

    [Theory]
    [MemberData(nameof(FixturesOnBothDoors))]
    public async Task Send_Fixture_ClassifiesAsExpected(string fixturePath, bool sync)
    {
        Fixture fixture = Fixture.Load(fixturePath);
        fixture.SkipIfPending();
        ProviderProfile profile = fixture.Profile;

        // The input is the recorded request only ("request" in the fixture), never derived from "expected".
        string? key = fixture.SentKey;
        var stub = new RecordingHandler(_ => fixture.ToResponse());
        using var client = new TestClient(stub, baseAddress: "https://" + fixture.Host + "/");
        using HttpRequestMessage request = fixture.ToRequest();

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

        if (thrown is ApiAuthException { Failure.RequestWasSent: false } refused)
        {
            // The recorded request never leaves: ApiAuth refuses it before sending (no key at a host that requires one,
            // an expired JWT). The response cannot be read then; the cause must still be the recorded one.
            Assert.Empty(stub.Requests);
            Assert.False(fixture.PassThrough, $"{fixture.Path}: a pass-through fixture's request was refused before sending");
            Assert.Equal(fixture.Cause, refused.Failure.Cause);
            Assert.Null(refused.Failure.StatusCode);
            AssertNoLeak(key, refused, client);
            return;
        }

        Assert.Single(stub.Requests);
        Assert.Equal(fixture.SentHeaderValue, fixture.KeyHeader is null ? null : stub.Requests.Single().Header(fixture.KeyHeader));
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
        if (key is null)
        {
            Assert.Null(failure.KeyHint);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(failure.KeyHint), $"{fixture.Path}: a key was sent in {fixture.KeyHeader}, so the failure carries its hint");
        }

        AssertNoLeak(key, e, client);
    }

    private static void AssertNoLeak(string? key, ApiAuthException e, TestClient client)
    {
        if (key is null)
        {
            return;
        }

        AuthFailure failure = e.Failure;
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
        fixture.SkipIfPending();
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
        fixture.SkipIfPending();
        using HttpResponseMessage response = fixture.ToResponse();
        string? value = fixture.SentHeaderValue;
        var sent = new SentCredential { HeaderValue = value, KeyOffset = value is null ? 0 : value.Length - (fixture.SentKey?.Length ?? 0), Carrier = fixture.KeyHeader };

        AuthFailure? failure = ErrorClassifier.Classify(fixture.Profile, response, System.Text.Encoding.UTF8.GetBytes(fixture.Body), sent, fixture.Uri.IdnHost);

        Assert.Equal(fixture.PassThrough, failure is null);
    }
}
