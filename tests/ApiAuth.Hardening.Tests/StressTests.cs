using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Hardening.Tests;

[CollectionDefinition(nameof(StressGroup), DisableParallelization = true)]
public sealed class StressGroup
{
}

/// <summary>
/// Issue 7 load and concurrency: one named factory client against a loopback Kestrel server (127.0.0.1 only), 64-way concurrency
/// (half async callers, half synchronous callers on their own threads), mixed 200 / streaming 200 / 401 / 403 / 400 / 429,
/// the handler rotated by the factory every second and the key rotated through configuration reload mid-run.
/// Zero lost or duplicated requests, every 401 classified, no deadlock, no growth in memory or handles across runs.
/// </summary>
[Collection(nameof(StressGroup))]
public sealed class StressTests
{
    private const int Concurrency = 64;
    private const string ClientName = "stress";

    private static readonly string OkBody = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}";
    private static readonly string Body401 = "{\"error\":{\"message\":\"Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    private static readonly string Body403 = "{\"error\":{\"message\":\"You have insufficient permissions for this operation. Missing scopes: model.request.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
    private static readonly string Body400 = "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}";
    private static readonly string Body429 = "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";

    private static string Kind(long id) => (id % 20) switch
    {
        < 10 => "ok",
        < 12 => "stream",
        < 15 => "401",
        < 17 => "403",
        < 19 => "400",
        _ => "429",
    };

    [Fact(Timeout = 2_700_000)]
    public async Task MixedLoad_OneFactoryClient_NothingLostNothingLeaked()
    {
        int perRun = HardeningRun.Count(40_000, 100_000);
        const int Runs = 3;
        var received = new ConcurrentDictionary<long, int>();
        // Which configured key each request reached the server with (-1: its own key), and how many key rotations had
        // completed (configuration.Reload() returned) before the request was handed to the client. A request handed over
        // after a rotation completed must carry the new key: an order of events, not a wall-clock bound.
        var keySeen = new ConcurrentDictionary<long, int>();
        var rotationsBeforeSend = new ConcurrentDictionary<long, int>();
        int rotationsDone = 0;
        string[] keys = [.. Enumerable.Range(0, 3).Select(i => "sk-" + Keys.Random(new Random(HardeningRun.Seed + i), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48))];

        WebApplicationBuilder web = WebApplication.CreateSlimBuilder();
        web.Logging.ClearProviders();
        web.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using WebApplication app = web.Build();
        app.Run(async context =>
        {
            long id = long.Parse(context.Request.Headers["x-req"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            received.AddOrUpdate(id, 1, static (_, n) => n + 1);
            string authorization = context.Request.Headers.Authorization.ToString();
            keySeen[id] = Array.FindIndex(keys, k => authorization.EndsWith(k, StringComparison.Ordinal));
            string kind = Kind(id);
            context.Response.ContentType = kind == "stream" ? "text/event-stream" : "application/json";
            context.Response.StatusCode = kind switch { "401" => 401, "403" => 403, "400" => 400, "429" => 429, _ => 200 };
            if (kind == "stream")
            {
                for (int i = 0; i < 4; i++)
                {
                    await context.Response.WriteAsync($"data: {{\"delta\":\"w{i}\"}}\n\n");
                    await context.Response.Body.FlushAsync();
                }

                await context.Response.WriteAsync("data: [DONE]\n\n");
                return;
            }

            await context.Response.WriteAsync(kind switch { "401" => Body401, "403" => Body403, "400" => Body400, "429" => Body429, _ => OkBody });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var baseAddress = new Uri(app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        Assert.Equal("127.0.0.1", baseAddress.Host);

        IConfigurationRoot configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiAuth:Clients:stress:Provider"] = "openai-compatible",
            ["ApiAuth:Clients:stress:ApiKey"] = keys[0],
        }).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddHttpClient(ClientName, c => c.BaseAddress = baseAddress)
            .SetHandlerLifetime(TimeSpan.FromSeconds(1))
            .AddApiAuthDiagnostics();
        await using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        string current = keys[0];
        long baselineMemory = 0;
        int baselineHandles = 0;
        var total = new Outcomes();
        var clock = Stopwatch.StartNew();
        for (int run = 0; run < Runs; run++)
        {
            long start = run * (long)perRun;
            long end = start + perRun;
            long next = start - 1;
            var outcomes = new Outcomes();

            void Rotate()
            {
                int index = Array.IndexOf(keys, current) + 1;
                if (index >= keys.Length)
                {
                    return;
                }

                current = keys[index];
                configuration["ApiAuth:Clients:stress:ApiKey"] = current;
                configuration.Reload();
                Interlocked.Increment(ref rotationsDone);
            }

            async Task OneAsync(long id, bool sync)
            {
                HttpClient client = factory.CreateClient(ClientName);
                string kind = Kind(id);
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent("{\"model\":\"m\"}", Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("x-req", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (kind == "401")
                {
                    // A 401 answers a bad key: each carries its own (a repeat of one refused key would be refused before sending, by design).
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-" + Keys.Random(new Random((int)id), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48));
                }
                rotationsBeforeSend[id] = Volatile.Read(ref rotationsDone);
                try
                {
                    using HttpResponseMessage response = sync
                        ? client.Send(request, HttpCompletionOption.ResponseHeadersRead)
                        : await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    string text = sync ? new StreamReader(response.Content.ReadAsStream()).ReadToEnd() : await response.Content.ReadAsStringAsync();
                    bool right = kind switch
                    {
                        "ok" => response.StatusCode == HttpStatusCode.OK && text == OkBody,
                        "stream" => response.StatusCode == HttpStatusCode.OK && text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) && text.Contains("w3", StringComparison.Ordinal),
                        "400" => response.StatusCode == HttpStatusCode.BadRequest && text == Body400,
                        "429" => response.StatusCode == HttpStatusCode.TooManyRequests && text == Body429,
                        _ => false,
                    };
                    outcomes.Count(right ? kind : "wrong:" + kind + ":" + (int)response.StatusCode);
                }
                catch (ApiAuthException e) when (kind == "401" && e.Failure.Cause == AuthFailureCause.InvalidKey && e.StatusCode == HttpStatusCode.Unauthorized)
                {
                    outcomes.Count("401");
                }
                catch (ApiAuthException e) when (kind == "403" && e.Failure.Cause == AuthFailureCause.InsufficientPermissions)
                {
                    outcomes.Count("403");
                }
                catch (Exception e)
                {
                    outcomes.Count("wrong:" + kind + ":" + e.GetType().Name + ":" + (e is ApiAuthException a ? a.Failure.Cause.ToString() : e.Message));
                }
            }

            async Task WorkerAsync(bool sync)
            {
                for (long id = Interlocked.Increment(ref next); id < end; id = Interlocked.Increment(ref next))
                {
                    if (run == 0 && (id == start + (perRun / 3) || id == start + (2 * perRun / 3)))
                    {
                        Rotate();
                    }

                    await OneAsync(id, sync);
                }
            }

            var workers = new List<Task>();
            for (int w = 0; w < Concurrency; w++)
            {
                if (w % 2 == 0)
                {
                    workers.Add(Task.Run(() => WorkerAsync(sync: false)));
                }
                else
                {
                    // Synchronous callers on their own threads: Send must never wait on async work (no thread-pool dependency to deadlock on).
                    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    var thread = new Thread(() =>
                    {
                        try
                        {
                            WorkerAsync(sync: true).GetAwaiter().GetResult();
                            done.SetResult();
                        }
                        catch (Exception e)
                        {
                            done.SetException(e);
                        }
                    }) { IsBackground = true, Name = "sync-caller-" + w };
                    thread.Start();
                    workers.Add(done.Task);
                }
            }

            var watchdog = TimeSpan.FromSeconds(HardeningRun.Count(240, 1800));
            Task all = Task.WhenAll(workers);
            Assert.True(await Task.WhenAny(all, Task.Delay(watchdog, TestContext.Current.CancellationToken)) == all, $"run {run}: not finished after {watchdog}: deadlock or stall ({outcomes.Total} of {perRun} done)");
            await all;

            long lost = Enumerable.Range(0, perRun).LongCount(i => !received.ContainsKey(start + i));
            long duplicated = received.Where(p => p.Key >= start && p.Key < end).LongCount(p => p.Value != 1);
            string wrong = string.Join("; ", outcomes.Snapshot().Where(p => p.Key.StartsWith("wrong", StringComparison.Ordinal)).Select(p => $"{p.Key} ×{p.Value}"));
            Assert.True(lost == 0 && duplicated == 0, $"run {run}: {lost} lost, {duplicated} duplicated; outcomes {outcomes}");
            Assert.True(outcomes.Total == perRun, $"run {run}: {outcomes.Total} outcomes for {perRun} requests");
            Assert.True(wrong.Length == 0, $"run {run}: {wrong}");
            total.Add(outcomes);
            received.Clear(); // the test's own bookkeeping must not count as growth

            if (run != 0 && run != Runs - 1)
            {
                HardeningRun.Report($"stress run {run + 1}/{Runs}: {perRun} requests, {outcomes}; {clock.Elapsed.TotalSeconds:F1} s so far");
                continue;
            }

            // Let the factory retire rotated handlers: its cleanup timer runs every 10 s and disposes those no longer referenced.
            for (int i = 0; i < 13; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(1000, TestContext.Current.CancellationToken);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();

            long memory = GC.GetTotalMemory(forceFullCollection: true);
            int handles = Process.GetCurrentProcess().HandleCount;
            HardeningRun.Report($"stress run {run + 1}/{Runs}: {perRun} requests, {outcomes}; after: {memory / 1024} KiB managed, {handles} handles, {clock.Elapsed.TotalSeconds:F1} s so far");
            if (run == 0)
            {
                baselineMemory = memory;
                baselineHandles = handles;
            }
            else if (run == Runs - 1)
            {
                long memoryGrowth = memory - baselineMemory;
                int handleGrowth = handles - baselineHandles;
                HardeningRun.Report($"stress leak check (run 1 → run {Runs}): managed memory {memoryGrowth / 1024:+#;-#;0} KiB, handles {handleGrowth:+#;-#;0}");
                Assert.True(memoryGrowth < 32L * 1024 * 1024, $"managed memory grew by {memoryGrowth} bytes");
                Assert.True(handleGrowth < 128, $"handles grew by {handleGrowth}");
            }
        }

        // Key rotation: every request handed to the client after a reload completed carries the key of that reload (or a
        // later one), whatever the load: the options monitor swaps the settings before Reload() returns.
        string[] stale = [.. keySeen.Where(p => p.Value >= 0 && p.Value < rotationsBeforeSend[p.Key]).Select(p => $"request {p.Key}: key {p.Value} after {rotationsBeforeSend[p.Key]} rotation(s)").Take(5)];
        int[] perKey = [.. Enumerable.Range(0, keys.Length).Select(k => keySeen.Values.Count(seen => seen == k))];
        HardeningRun.Report($"stress total: {Runs * perRun} requests at {Concurrency}-way concurrency (half Send on own threads, half SendAsync) in {clock.Elapsed.TotalSeconds:F1} s; {total}; lost 0, duplicated 0; key rotations {rotationsDone}, requests per key [{string.Join(", ", perKey)}], stale keys after rotation {stale.Length}");
        Assert.Equal(2, rotationsDone);
        Assert.True(stale.Length == 0, "requests handed over after a configuration reload still carried a rotated-out key: " + string.Join("; ", stale));
        Assert.All(perKey, n => Assert.True(n > 0, "a key was never used: rotation through IOptionsMonitor reload was not honoured"));

        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class Outcomes
    {
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int Total => _counts.Values.Sum();

        public void Count(string what) => _counts.AddOrUpdate(what, 1, static (_, n) => n + 1);

        public void Add(Outcomes other)
        {
            foreach (KeyValuePair<string, int> p in other._counts)
            {
                _counts.AddOrUpdate(p.Key, p.Value, (_, n) => n + p.Value);
            }
        }

        public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

        public override string ToString() => string.Join(", ", _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
    }
}
