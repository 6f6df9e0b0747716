using System.Text;

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
        fixture.SkipIfPending();
        byte[] body = Encoding.UTF8.GetBytes(fixture.Body);
        using var twins = new TwinPipelines(() => TwinPipelines.Streaming(fixture.Status, body, fixture.Headers), configure);
        using (var probe = new TwinPipelines(() => TwinPipelines.Streaming(fixture.Status, body, fixture.Headers), configure))
        {
            // A recorded request ApiAuth refuses before sending (no key at a host that requires one, an expired JWT) is
            // refused on purpose and whatever ThrowOnFailure says: there is no response to compare. Nothing reaches the server.
            TwinPipelines.Outcome first = await TwinPipelines.RunAsync(probe.WithApiAuth, fixture.ToRequest, sync, option);
            if (first.Thrown is ApiAuthException { Failure.RequestWasSent: false } refused)
            {
                Assert.Empty(probe.ApiAuthStub.Requests);
                Assert.Equal(labelledCause ?? fixture.Cause, refused.Failure.Cause);
                return;
            }
        }

        // The request is the one the fixture records, never derived from its label.
        HttpRequestMessage Request() => fixture.ToRequest();

        await twins.AssertSameOutcomeAsync(Request, sync, option, labelledCause, fixture.Path);
        Assert.Single(twins.BareStub.Requests);
    }
}
