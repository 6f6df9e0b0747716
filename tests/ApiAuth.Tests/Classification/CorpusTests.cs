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
        Assert.Equal(profile.Id, failure.Provider);
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
