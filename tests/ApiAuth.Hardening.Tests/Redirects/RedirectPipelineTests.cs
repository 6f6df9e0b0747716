using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>
/// Issue 11, section 2: a redirect never carries a credential to another origin, whatever the pipeline. Every registration
/// order of the primary handler (before and after <c>AddApiAuthDiagnostics()</c>, SocketsHttpHandler and HttpClientHandler),
/// <c>AddStandardResilienceHandler()</c> above and below ApiAuth, 301/302/303/307/308, both doors; over real sockets, the
/// other origin being a second port on 127.0.0.1 that records every header and the query. The landing page answers 503, so
/// a resilience handler above ApiAuth replays the caller's message (the retry that used to send the key to the other origin).
/// </summary>
public sealed class RedirectPipelineTests : IClassFixture<RedirectServers>
{
    private readonly RedirectServers _servers;

    public RedirectPipelineTests(RedirectServers servers) => _servers = servers;

    public static TheoryData<PrimaryKind, PrimaryPlacement, ResiliencePlacement, int, bool> Matrix()
    {
        var data = new TheoryData<PrimaryKind, PrimaryPlacement, ResiliencePlacement, int, bool>();
        foreach (PrimaryKind primary in new[] { PrimaryKind.Sockets, PrimaryKind.ClientHandler })
        {
            foreach (PrimaryPlacement placement in new[] { PrimaryPlacement.BeforeApiAuth, PrimaryPlacement.AfterApiAuth })
            {
                foreach (ResiliencePlacement resilience in new[] { ResiliencePlacement.AboveApiAuth, ResiliencePlacement.BelowApiAuth })
                {
                    foreach (int code in new[] { 301, 302, 303, 307, 308 })
                    {
                        data.Add(primary, placement, resilience, code, false);
                        data.Add(primary, placement, resilience, code, true);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>
    /// Two sets of credentials sent at once: the key ApiAuth supplies from options (in Authorization) with the gateway, cookie and
    /// proxy carriers; then the provider key headers the caller sets. (A provider key header next to a configured key would be
    /// taken by ApiAuth as the credential, so they go in separate requests.)
    /// </summary>
    private static readonly CredentialCarrier[][] CarrierSets =
    [
        [.. CredentialCarrier.All.Where(c => c.Name is "ApiKey option (openai-compatible)" or "Ocp-Apim-Subscription-Key" or "apikey" or "X-Auth-Token" or "Cookie" or "Proxy-Authorization")],
        [.. CredentialCarrier.All.Where(c => c.Name is "x-api-key" or "api-key" or "x-goog-api-key")],
    ];

    private async Task<List<string>> RunSetsAsync(RedirectPipelineShape shape, int code, bool crossOrigin, bool sync, int landing, CancellationToken cancel)
    {
        var problems = new List<string>();
        foreach (CredentialCarrier[] carriers in CarrierSets)
        {
            var c = new RedirectCase(shape, code, crossOrigin, carriers, sync, Post: true, landing);
            problems.AddRange((await RedirectCaseRunner.RunAsync(_servers, c, new Random(HardeningRun.Seed ^ code), cancel)).Select(p => $"{c}: {p}"));
        }

        return problems;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Matrix))]
    public async Task CrossOriginRedirect_AnyOrderAnyResilience_NoCredentialReachesTheOtherOrigin_Issue11(PrimaryKind primary, PrimaryPlacement placement, ResiliencePlacement resilience, int code, bool sync)
    {
        List<string> problems = await RunSetsAsync(new RedirectPipelineShape(primary, placement, resilience), code, crossOrigin: true, sync, landing: 503, TestContext.Current.CancellationToken);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Matrix))]
    public async Task SameOriginRedirect_AnyOrderAnyResilience_CredentialsArriveAsDotNetSendsThem_Issue11(PrimaryKind primary, PrimaryPlacement placement, ResiliencePlacement resilience, int code, bool sync)
    {
        List<string> problems = await RunSetsAsync(new RedirectPipelineShape(primary, placement, resilience), code, crossOrigin: false, sync, landing: 200, TestContext.Current.CancellationToken);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
