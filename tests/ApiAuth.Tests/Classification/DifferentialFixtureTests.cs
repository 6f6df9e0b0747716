using System.Text;
using ApiAuth.Providers;

namespace ApiAuth.Tests.Classification;

/// <summary>
/// Issue 10, "done when": every fixture of the corpus (auth and not-auth) replayed through the same pipeline with and
/// without ApiAuth, on both doors and with both completion options, with a network-like streamed body. The outcomes are
/// identical — status, headers, body bytes, readable — except an <see cref="ApiAuthException"/> where the fixture's own
/// label (<c>expected.cause</c>) says it is an auth failure. The label decides, never ApiAuth's verdict.
/// </summary>
public sealed class DifferentialFixtureTests
{
    public static TheoryData<string, bool, HttpCompletionOption> EveryFixtureEveryDoor
    {
        get
        {
            var data = new TheoryData<string, bool, HttpCompletionOption>();
            foreach (string path in Fixture.All)
            {
                foreach (bool sync in new[] { false, true })
                {
                    data.Add(path, sync, HttpCompletionOption.ResponseContentRead);
                    data.Add(path, sync, HttpCompletionOption.ResponseHeadersRead);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Corpus_Loaded_HasAuthAndAtLeastSixtyNotAuthFixtures_Issue10()
    {
        Fixture[] all = [.. Fixture.All.Select(Fixture.Load)];
        Fixture[] notAuth = [.. all.Where(f => f.Path.StartsWith(Fixture.NotAuthFolder, StringComparison.Ordinal))];

        Assert.True(all.Count(f => f.Cause is not null) >= 100, "the auth fixtures are loaded");
        Assert.True(notAuth.Length >= 60, $"the not-auth set has {notAuth.Length} fixtures");
        Assert.All(notAuth, f => Assert.True(f.PassThrough && f.Cause is null && f.Status is 400 or 403, f.Path));
        Assert.All(notAuth, f => Assert.False(string.IsNullOrWhiteSpace(f.Category), f.Path));
    }

    [Theory]
    [MemberData(nameof(EveryFixtureEveryDoor))]
    public async Task Send_Fixture_SameOutcomeWithAndWithoutApiAuth_Issue10(string fixturePath, bool sync, HttpCompletionOption option)
    {
        Fixture fixture = Fixture.Load(fixturePath);
        await ReplayAsync(fixture, sync, option, configure: null, fixture.Cause);
    }

    /// <summary>With <c>ThrowOnFailure = false</c> nothing is thrown: every response, auth failures included, comes back as a bare pipeline returns it.</summary>
    [Theory]
    [MemberData(nameof(EveryFixtureEveryDoor))]
    public async Task Send_FixtureWithoutThrowing_SameResponseWithAndWithoutApiAuth_Issue10(string fixturePath, bool sync, HttpCompletionOption option)
    {
        Fixture fixture = Fixture.Load(fixturePath);
        await ReplayAsync(fixture, sync, option, o => o.ThrowOnFailure = false, labelledCause: null);
    }

    private static async Task ReplayAsync(Fixture fixture, bool sync, HttpCompletionOption option, Action<ApiAuthDiagnosticsOptions>? configure, AuthFailureCause? labelledCause)
    {
        ProviderProfile profile = fixture.Profile;
        byte[] body = Encoding.UTF8.GetBytes(fixture.Body);
        using var twins = new TwinPipelines(() => TwinPipelines.Streaming(fixture.Status, body, fixture.Headers), configure);

        // A server that says no credential arrived was, at a host that does not require one, sent none.
        bool sendKey = !(fixture.Cause == AuthFailureCause.MissingKey && !profile.KeyRequired);
        string key = Fixture.KeyFor(profile.Id);
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, fixture.Uri) { Content = new StringContent("{}") };
            if (sendKey)
            {
                request.Headers.TryAddWithoutValidation(profile.KeyHeader, profile.KeyScheme is null ? key : profile.KeyScheme + " " + key);
            }

            return request;
        }

        await twins.AssertSameOutcomeAsync(Request, sync, option, labelledCause, fixture.Path);
        Assert.Single(twins.BareStub.Requests);
    }
}
