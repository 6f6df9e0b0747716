using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// Sends one request through the real factory pipeline (public <c>AddApiAuthDiagnostics()</c> handler, in-memory primary
/// handler) that meets a <see cref="HostileCase"/>, and checks the invariants of issue 7: only <see cref="ApiAuthException"/>
/// escapes; the request reached the terminal handler exactly once (no refusal before sending, unless the case tests one);
/// no more than the cap is read; it returns promptly with bounded allocation; nothing it outputs (exception,
/// <see cref="AuthFailure"/>, logs and their state, metric tags, activity events) shows more of the key than its hint;
/// a response handed back still has its body intact.
/// </summary>
internal sealed class CaseRunner : IDisposable
{
    public static readonly HttpRequestOptionsKey<Func<HttpResponseMessage>> Script = new("hardening.script");

    /// <summary>Allocation allowed per case beyond a few copies of the cap: pipeline objects, failure text, log records.</summary>
    public const long AllocationSlack = 4 * 1024 * 1024;

    private readonly Dictionary<(string, int, bool), Pipeline> _pipelines = [];

    public CaseRunner() => Telemetry = new Telemetry();

    public Telemetry Telemetry { get; }

    public int Cases { get; private set; }

    public int Thrown { get; private set; }

    public int RefusedBeforeSend { get; private set; }

    public int PassedThrough { get; private set; }

    public int Attached { get; private set; }

    public TimeSpan Slowest { get; private set; }

    public double WorstAllocationPerCap { get; private set; }

    public long MostBytesRead { get; private set; }

    /// <summary>Gets what the calling thread allocated during the last case's send.</summary>
    public long LastAllocated { get; private set; }

    public Dictionary<AuthFailureCause, int> Causes { get; } = [];

    /// <summary>Runs the case; returns a description of the broken invariant, or <see langword="null"/>.</summary>
    public async Task<string?> RunAsync(HostileCase c)
    {
        Cases++;
        Pipeline pipeline = PipelineFor(c.Shape.Provider, c.Cap, c.ThrowOnFailure);
        pipeline.Logs.Clear();
        Telemetry.Clear();
        HttpClient client = pipeline.CreateClient();

        var body = new GeneratedBodyStream(c.Body, 0, c.Body.Length);
        Stream wire = c.Fault is { } fault ? new FaultAtEndStream(body, fault) : body;
        int reached = 0;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{c.Shape.Host}/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"m\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        PlaceKey(request, c.Shape.Provider, c.Key);
        request.Options.Set(Script, () =>
        {
            reached++;
            return Response(c, wire);
        });

        Exception? caught = null;
        HttpResponseMessage? response = null;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        using (Activity? activity = Telemetry.Source.StartActivity("hostile-case"))
        {
            try
            {
                response = c.Sync
                    ? client.Send(request, HttpCompletionOption.ResponseHeadersRead)
                    : await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                caught = e;
            }
        }

        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        LastAllocated = allocated;
        Slowest = clock.Elapsed > Slowest ? clock.Elapsed : Slowest;
        MostBytesRead = Math.Max(MostBytesRead, body.BytesRead);

        using (response)
        {
            if (caught is not null and not ApiAuthException)
            {
                return $"threw {caught.GetType().FullName}: {caught}";
            }

            bool refused = caught is ApiAuthException { Failure.RequestWasSent: false };
            if (c.ExpectsRefusal ? reached != 0 || !refused : reached != 1 || refused)
            {
                return c.ExpectsRefusal
                    ? $"expected a refusal before sending; the request reached the terminal handler {reached} time(s) and {(caught is null ? "nothing was thrown" : "threw " + caught.GetType().Name)}"
                    : $"the request reached the terminal handler {reached} time(s), not once{(refused ? $"; refused before sending: {((ApiAuthException)caught!).Failure.Cause}" : "")}";
            }

            if (body.BytesRead > c.Cap)
            {
                return $"read {body.BytesRead} bytes of the body; the cap is {c.Cap}";
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return $"took {clock.Elapsed.TotalSeconds:F1} s";
            }

            long allowed = (16L * Math.Max(c.Cap, c.Body.Length < c.Cap ? c.Body.Length : c.Cap)) + AllocationSlack;
            WorstAllocationPerCap = Math.Max(WorstAllocationPerCap, (double)allocated / c.Cap);
            if (allocated > allowed)
            {
                return $"allocated {allocated} bytes on the calling thread; allowed {allowed}";
            }

            AuthFailure? failure = null;
            if (caught is ApiAuthException api)
            {
                failure = api.Failure;
                Thrown++;
                RefusedBeforeSend += api.Failure.RequestWasSent ? 0 : 1;
            }
            else if (response is not null && response.TryGetAuthFailure(out AuthFailure? attached))
            {
                failure = attached;
                Attached++;
            }
            else
            {
                PassedThrough++;
            }

            if (failure is not null)
            {
                Causes[failure.Cause] = Causes.GetValueOrDefault(failure.Cause) + 1;
            }

            string? leak = SecretScan.FindLeak(c.Key, Outputs.Of(failure).Concat(Outputs.Of(caught)).Concat(pipeline.LogOutputs()).Concat(Telemetry.Outputs()));
            if (leak is not null)
            {
                return "secret leaked: " + leak;
            }

            if (response is not null && (c.DeclaredLength is null || c.DeclaredLength >= c.Body.Length))
            {
                // The caller reads what it would have read without ApiAuth: every byte, then the stream's own failure, if any.
                (byte[] handedBack, Exception? failed) = await DrainAsync(response.Content, c.Sync).ConfigureAwait(false);
                if (!handedBack.AsSpan().SequenceEqual(c.Body))
                {
                    return $"the response handed back has a different body: {handedBack.Length} bytes instead of {c.Body.Length}";
                }

                Exception? expected = c.Fault?.Invoke();
                if (failed?.GetType() != expected?.GetType() || failed?.Message != expected?.Message)
                {
                    return $"reading the response handed back ended with {failed?.GetType().Name ?? "its end"} ({failed?.Message}), not {expected?.GetType().Name ?? "its end"}";
                }
            }
        }

        return null;
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Cases} cases: {Thrown} threw ApiAuthException ({RefusedBeforeSend} refused before send), {Attached} returned with the failure attached, {PassedThrough} passed through; slowest {Slowest.TotalMilliseconds:F0} ms; most body bytes read {MostBytesRead}; worst allocation {WorstAllocationPerCap:F1}× the cap; causes {string.Join(", ", Causes.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");

    public static void PlaceKey(HttpRequestMessage request, string provider, string key)
    {
        switch (provider)
        {
            case "anthropic":
                request.Headers.TryAddWithoutValidation("x-api-key", key);
                request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
                break;
            case "azure-openai":
                request.Headers.TryAddWithoutValidation("api-key", key);
                break;
            case "gemini":
                request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
                break;
            default:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                break;
        }
    }

    public void Dispose()
    {
        foreach (Pipeline p in _pipelines.Values)
        {
            p.Dispose();
        }

        Telemetry.Dispose();
    }

    private static HttpResponseMessage Response(HostileCase c, Stream body)
    {
        var content = new StreamContent(body);
        if (c.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }

        foreach (string encoding in c.ContentEncoding)
        {
            content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        }

        content.Headers.ContentLength = c.DeclaredLength;
        var response = new HttpResponseMessage((HttpStatusCode)c.Status) { Content = content };
        foreach (string challenge in c.Authenticate)
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        }

        if (c.RequestId is not null)
        {
            response.Headers.TryAddWithoutValidation("x-request-id", c.RequestId);
        }

        return response;
    }

    /// <summary>Reads a body on one door: the bytes before the first exception, and that exception.</summary>
    public static async Task<(byte[] Bytes, Exception? Error)> DrainAsync(HttpContent content, bool sync)
    {
        using var copy = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        try
        {
            Stream stream = sync ? content.ReadAsStream() : await content.ReadAsStreamAsync().ConfigureAwait(false);
            while (true)
            {
                int n = sync ? stream.Read(chunk, 0, chunk.Length) : await stream.ReadAsync(chunk).ConfigureAwait(false);
                if (n == 0)
                {
                    return (copy.ToArray(), null);
                }

                copy.Write(chunk, 0, n);
            }
        }
        catch (Exception e)
        {
            return (copy.ToArray(), e);
        }
    }

    private Pipeline PipelineFor(string provider, int cap, bool throwOnFailure)
    {
        if (!_pipelines.TryGetValue((provider, cap, throwOnFailure), out Pipeline? pipeline))
        {
            pipeline = Pipeline.Create(
                o =>
                {
                    o.Provider = provider;
                    o.MaxErrorBodyBytes = cap;
                    o.ThrowOnFailure = throwOnFailure;
                },
                () => new ScriptedHandler((request, _) => request.Options.TryGetValue(Script, out Func<HttpResponseMessage>? script) ? script() : new HttpResponseMessage(HttpStatusCode.OK)),
                name: $"hostile-{provider}-{cap}-{throwOnFailure}");
            _pipelines[(provider, cap, throwOnFailure)] = pipeline;
        }

        return pipeline;
    }
}
