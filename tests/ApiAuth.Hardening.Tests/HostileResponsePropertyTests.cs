using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace ApiAuth.Hardening.Tests;

/// <summary>
/// Issue 7 properties (FsCheck): for arbitrary bytes, mutated real bodies and random WWW-Authenticate, Content-Type charsets,
/// Content-Encoding and Content-Length, and bodies whose stream throws any of <see cref="HostileCases.Faults"/> after its last byte, the handler (both doors) only ever throws <see cref="ApiAuthException"/>, reads no more
/// than its cap, returns promptly within its allocation budget, never shows the key, and hands back intact bodies.
/// </summary>
public sealed class HostileResponsePropertyTests
{
    private static Gen<byte[]> Bodies(int fixtures) => Gen.OneOf(
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
        from i in Gen.Choose(0, fixtures - 1)
        from seed in Gen.Choose(0, int.MaxValue)
        select HostileCases.Mutate(Encoding.UTF8.GetBytes(Corpus.All[i].Body), new Random(seed)),
        from depth in Gen.Choose(1, 200_000)
        from open in Gen.Elements((byte)'[', (byte)'{')
        select Enumerable.Repeat(open, depth).ToArray(),
        from i in Gen.Choose(0, fixtures - 1)
        from cut in Gen.Choose(0, 100)
        select Truncate(Encoding.UTF8.GetBytes(Corpus.All[i].Body), cut));

    private static byte[] Truncate(byte[] body, int percent) => body[..(body.Length * percent / 100)];

    private static Gen<HostileCase> Cases()
    {
        int fixtures = Corpus.All.Count;
        return from body in Bodies(fixtures)
               from status in Gen.Elements(400, 401, 401, 403)
               from contentType in Gen.Elements(HostileCases.ContentTypes.Append(null).ToArray())
               from encoding in Gen.Elements(HostileCases.Encodings)
               from compress in Gen.Elements(true, false)
               from challenges in Gen.ArrayOf(Gen.Elements(HostileCases.Challenges))
               from declared in Gen.Elements<long?>(null, null, 0, 10, 1_000_000)
               from cap in Gen.Elements(HostileCases.Caps)
               from sync in Gen.Elements(true, false)
               from throwOnFailure in Gen.Elements(true, true, false)
               from shape in Gen.Elements(Keys.Shapes.ToArray())
               from keySeed in Gen.Choose(0, int.MaxValue)
               from fault in Gen.Choose(-HostileCases.Faults.Length * 7, HostileCases.Faults.Length - 1)
               select new HostileCase(
                   status,
                   compress ? HostileCases.Encode(body, encoding) : body,
                   contentType,
                   encoding,
                   challenges.Take(3).ToArray(),
                   null,
                   declared,
                   cap,
                   sync,
                   throwOnFailure,
                   shape,
                   shape.Make(new Random(keySeed)))
               {
                   Fault = fault >= 0 ? HostileCases.Faults[fault] : null,
               };
    }

    [Fact]
    public void Handler_ArbitraryResponses_KeepsEveryInvariant()
    {
        int maxTest = HardeningRun.Count(20_000, 50_000);
        using var runner = new CaseRunner();
        Config config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithEndSize(4096).WithQuietOnSuccess(true);

        Property property = Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            string? problem = Task.Run(() => runner.RunAsync(c)).GetAwaiter().GetResult();
            return problem is null ? true.Label("ok") : false.Label(problem);
        });
        Check.One(config, property);

        HardeningRun.Report($"FsCheck hostile-response property: {maxTest} generated cases passed (plus shrink steps if any); {runner.Summary()}");
    }
}
