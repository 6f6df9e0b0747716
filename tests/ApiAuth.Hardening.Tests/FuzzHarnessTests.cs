using System.Diagnostics;
using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests;

/// <summary>
/// Issue 7 fuzz harness. SharpFuzz/libFuzzer needs an instrumented build and a native libFuzzer driver that CI here does not
/// have, so this is the fallback the issue names: a seeded random-mutation loop over the recorded fixture corpus (plus
/// arbitrary bytes and structural bombs), with random WWW-Authenticate, Content-Type charsets, Content-Encoding and
/// Content-Length, through both the public offline classifier and the real handler on both doors.
/// Replay a failure with APIAUTH_HARDENING_SEED and the iteration printed.
/// </summary>
public sealed class FuzzHarnessTests
{
    [Fact(Timeout = 3_600_000)]
    public async Task Handler_MutatedCorpusAndRandomHeaders_KeepsEveryInvariant()
    {
        int iterations = HardeningRun.Count(80_000, 200_000);
        using var runner = new CaseRunner();
        var failures = new List<string>();
        for (int i = 0; i < iterations && failures.Count < 5; i++)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            var random = new Random(unchecked((HardeningRun.Seed * 1_000_003) + i));
            HostileCase c = HostileCases.Next(random);
            string? problem = await runner.RunAsync(c);
            if (problem is not null)
            {
                failures.Add($"iteration {i} (seed {HardeningRun.Seed}): {problem}\n  case: {c}");
            }
        }

        HardeningRun.Report($"handler fuzz: {runner.Summary()}; crashes/violations {failures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void ClassifyResponse_MutatedCorpus_NeverThrowsAndNeverLeaks()
    {
        int iterations = HardeningRun.Count(400_000, 1_000_000);
        var failures = new List<string>();
        int classified = 0;
        var clock = Stopwatch.StartNew();
        TimeSpan slowest = TimeSpan.Zero;
        IReadOnlyList<string> providers = ApiAuthDiagnostics.ProviderIds;
        for (int i = 0; i < iterations && failures.Count < 5; i++)
        {
            var random = new Random(unchecked((HardeningRun.Seed * 999_983) + i));
            KeyShape shape = Keys.Shapes[random.Next(Keys.Shapes.Count)];
            string key = shape.Make(random);
            Fixture seed = Corpus.All[random.Next(Corpus.All.Count)];
            string body = Encoding.UTF8.GetString(HostileCases.Mutate(Encoding.UTF8.GetBytes(seed.Body), random, key));
            string provider = providers[random.Next(providers.Count)];
            HttpStatusCode status = (HttpStatusCode)new[] { 400, 401, 403, seed.Status }[random.Next(4)];
            var headers = new List<KeyValuePair<string, string>>();
            foreach (KeyValuePair<string, string> h in seed.Headers)
            {
                headers.Add(random.Next(5) == 0 ? new(h.Key, Encoding.Latin1.GetString(HostileCases.Mutate(Encoding.Latin1.GetBytes(h.Value), random, key))) : h);
            }

            if (random.Next(3) == 0)
            {
                headers.Add(new("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + SecretScan.Echo(key, random.Next(9), random) + "\""));
            }

            string? contentType = random.Next(3) == 0 ? HostileCases.ContentTypes[random.Next(HostileCases.ContentTypes.Length)] : seed.Headers.GetValueOrDefault("content-type");
            var one = Stopwatch.StartNew();
            try
            {
                bool told = random.Next(2) == 0;
                AuthFailure? failure = ApiAuthDiagnostics.ClassifyResponse(provider, new SavedResponse { StatusCode = status, Body = body, ContentType = contentType, Headers = headers, SentKey = told ? key : null });
                classified += failure is null ? 0 : 1;
                // Told the key (sentKey), it must hide every run of it longer than the hint; not told, it can only redact what is
                // shaped like a key (a vendor prefix) and stands alone.
                string? leak = told
                    ? SecretScan.FindLeak(key, Outputs.Of(failure))
                    : SecretScan.PublicPrefix(key).Length > 0 ? SecretScan.FindLeak(key, Outputs.Of(failure), wholeOnly: true) : null;
                if (leak is not null)
                {
                    failures.Add($"iteration {i} (seed {HardeningRun.Seed}, provider {provider}, key shape {shape.Provider}, status {(int)status}): {leak}\n  body: {body[..Math.Min(body.Length, 300)]}\n  message: {failure?.ServerMessage}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"iteration {i} (seed {HardeningRun.Seed}, provider {provider}, status {(int)status}): {e}");
            }

            slowest = one.Elapsed > slowest ? one.Elapsed : slowest;
        }

        HardeningRun.Report($"offline classifier fuzz: {iterations} cases in {clock.Elapsed.TotalSeconds:F1} s, {classified} classified as auth failures, slowest {slowest.TotalMilliseconds:F1} ms; crashes {failures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
