using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>
/// Issue 11, section 2, as a property over random pipelines: registration order × primary handler × resilience placement ×
/// redirect code × carrier × door × method × same or other origin × landing status, drawn from <see cref="HardeningRun.Seed"/>
/// (<c>APIAUTH_HARDENING_SEED</c> replays a run; <c>APIAUTH_HARDENING_FULL=1</c> runs more cases). At the second listener no
/// credential arrives; on a same-origin redirect each arrives as .NET sends it; the caller's message is left as it was.
/// </summary>
public sealed class RedirectPipelinePropertyTests : IClassFixture<RedirectServers>
{
    private static readonly int[] Codes = [301, 302, 303, 307, 308];

    private readonly RedirectServers _servers;

    public RedirectPipelinePropertyTests(RedirectServers servers) => _servers = servers;

    [Fact(Timeout = 300_000)]
    public async Task RandomPipelines_NoCarrierEverReachesAnotherOrigin_Issue11()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var random = new Random(HardeningRun.Seed);
        int count = HardeningRun.Count(byDefault: 2_000, full: 5_000);
        var failures = new List<string>();
        int crossOrigin = 0, retried = 0;
        for (int i = 0; i < count; i++)
        {
            RedirectCase c = Draw(random);
            crossOrigin += c.CrossOrigin ? 1 : 0;
            retried += c.LandingStatus == 503 && c.Shape.Resilience != ResiliencePlacement.None ? 1 : 0;
            foreach (string problem in await RedirectCaseRunner.RunAsync(_servers, c, random, cancel))
            {
                failures.Add($"case {i}: {c}: {problem}");
            }
        }

        HardeningRun.Report($"{count} random pipelines ({crossOrigin} cross-origin, {retried} with resilience retries), {failures.Count} problems");
        Assert.True(failures.Count == 0, $"{failures.Count} problems (seed {HardeningRun.Seed}):\n" + string.Join("\n", failures.Take(20)));
    }

    private static RedirectCase Draw(Random random)
    {
        var shape = new RedirectPipelineShape(
            Pick(random, Enum.GetValues<PrimaryKind>()),
            Pick(random, Enum.GetValues<PrimaryPlacement>()),
            Pick(random, Enum.GetValues<ResiliencePlacement>()));
        return new RedirectCase(
            shape,
            Pick(random, Codes),
            CrossOrigin: random.Next(4) != 0,
            Carriers: [Pick(random, CredentialCarrier.All)],
            Sync: random.Next(2) == 0,
            Post: random.Next(2) == 0,
            LandingStatus: random.Next(3) == 0 ? 503 : 200);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
