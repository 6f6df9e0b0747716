using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests;

/// <summary>Issue 7 named cases beside the random ones, through the real handler on both doors.</summary>
public sealed class NamedHostileBodyTests
{
    private const string OpenAI401 = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

    private static readonly KeyShape OpenAI = Keys.Shapes[0];

    private const string NonAuth400 = "{\"error\":{\"message\":\"Unsupported value for 'temperature': must be between 0 and 2.\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_value\"}}";

    private static HostileCase Case(byte[] body, string? contentType = "application/json", string[]? encoding = null, int cap = 64 * 1024, bool sync = false, int status = 401, bool throwOnFailure = true) =>
        new(status, body, contentType, encoding ?? [], [], null, null, cap, sync, throwOnFailure, OpenAI, OpenAI.Make(new Random(HardeningRun.Seed)));

    private static Exception Fault(string kind) => kind switch
    {
        "UnauthorizedAccess" => new UnauthorizedAccessException("body store denied"),
        "Timeout" => new TimeoutException("the body stream timed out on its own"),
        "InvalidData" => new InvalidDataException("The archive entry was compressed using an unsupported compression method."),
        "IO" => new IOException("The response ended prematurely."),
        "HttpRequest" => new HttpRequestException("Error while copying content to a stream."),
        "OperationCanceled" => new OperationCanceledException("the stream's own cancellation"),
        "InvalidOperation" => new InvalidOperationException("Decoder ran into invalid data."),
        _ => new ApplicationException("something nobody catches by name"),
    };

    public static TheoryData<string, int, bool> Faults()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (string kind in new[] { "UnauthorizedAccess", "Timeout", "InvalidData", "IO", "HttpRequest", "OperationCanceled", "InvalidOperation", "Application" })
        {
            foreach (int status in new[] { 400, 401, 403 })
            {
                data.Add(kind, status, false);
                data.Add(kind, status, true);
            }
        }

        return data;
    }

    /// <summary>
    /// Issue 10: a body stream that throws (after a non-auth 400/403 body, or an auth 401 body, both with the failure thrown and
    /// with it attached) never puts anything but <see cref="ApiAuthException"/> in the caller's way; a response handed back gives
    /// every byte and then the same exception (the runner checks both), and the request was sent exactly once.
    /// </summary>
    [Theory]
    [MemberData(nameof(Faults))]
    public async Task FaultingBody_OnlyApiAuthExceptionLeaves_AndTheSameFailureIsHandedBack_Issue10(string kind, int status, bool sync)
    {
        byte[] body = Encoding.UTF8.GetBytes(status == 401 ? OpenAI401 : NonAuth400);
        using var runner = new CaseRunner();
        foreach (bool throwOnFailure in new[] { true, false })
        {
            Assert.Null(await runner.RunAsync(Case(body, status: status, sync: sync, throwOnFailure: throwOnFailure) with { Fault = () => Fault(kind) }));
        }

        Assert.Equal(status == 401 ? 1 : 0, runner.Thrown);
        Assert.Equal(status == 401 ? 1 : 0, runner.Attached);
        Assert.Equal(status == 401 ? 0 : 2, runner.PassedThrough);
        HardeningRun.Report($"faulting body ({kind} after {status}, {(sync ? "Send" : "SendAsync")}): {runner.Summary()}");
    }

    public static TheoryData<string, bool> Layers() => new()
    {
        { "identity*3000", false }, { "identity*3000", true }, { "gzip*3000", false }, { "gzip*3000", true },
        { "br*3000", true }, { "identity*1000+gzip+identity*1000", false }, { "identity*1000+gzip+identity*1000", true },
    };

    /// <summary>
    /// Issue 10: a Content-Encoding of thousands of layers with the largest cap (16 MiB) costs a bounded amount: identity layers
    /// are skipped, more real layers than a few are not decoded. Before the fix, 3,000 identity layers allocated 48 GB.
    /// </summary>
    [Theory]
    [MemberData(nameof(Layers))]
    public async Task ThousandsOfEncodingLayers_ClassifiesWithBoundedAllocation_Issue10(string layers, bool sync)
    {
        const int Cap = 16 * 1024 * 1024;
        string[] header = layers.Split('+').SelectMany(part => part.Split('*') is [var coding, var count] ? Enumerable.Repeat(coding, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)) : [part]).ToArray();
        string[] real = header.Where(h => h != "identity").ToArray();
        byte[] body = real.Length is > 0 and < 3 ? HostileCases.Encode(Encoding.UTF8.GetBytes(OpenAI401), real) : Encoding.UTF8.GetBytes(OpenAI401);
        using var runner = new CaseRunner();

        Assert.Null(await runner.RunAsync(Case(body, encoding: header, cap: Cap, sync: sync)));

        // Decodable (identity only, or one real layer): classified from the body. Thousands of real layers: from the status alone.
        Assert.Equal(1, runner.Causes.GetValueOrDefault(real.Length < 3 ? AuthFailureCause.InvalidKey : AuthFailureCause.Unknown));
        Assert.InRange(runner.LastAllocated, 0, 8L * 1024 * 1024);
        HardeningRun.Report($"{layers} with a 16 MiB cap ({(sync ? "Send" : "SendAsync")}): allocated {runner.LastAllocated} bytes on the calling thread; {runner.Summary()}");
    }

    /// <summary>The runner's reach check can fail: a request refused before sending is a violation unless the case expects it.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Runner_RequestRefusedBeforeSending_IsAViolationUnlessExpected_Issue10(bool sync)
    {
        // An Anthropic key on an OpenAI client: refused before sending (WrongProviderKey).
        HostileCase placeholder = Case(Encoding.UTF8.GetBytes(OpenAI401), sync: sync) with { Key = Keys.Shapes[3].Make(new Random(HardeningRun.Seed)) };
        using var runner = new CaseRunner();

        string? problem = await runner.RunAsync(placeholder);
        string? expected = await runner.RunAsync(placeholder with { ExpectsRefusal = true });
        string? notRefused = await runner.RunAsync(Case(Encoding.UTF8.GetBytes(OpenAI401), sync: sync) with { ExpectsRefusal = true });

        Assert.NotNull(problem);
        Assert.Contains("terminal handler 0 time(s)", problem, StringComparison.Ordinal);
        Assert.Null(expected);
        Assert.NotNull(notRefused);
    }

    public static TheoryData<string, bool> Bodies() => new()
    {
        { "empty", false }, { "empty", true }, { "null", false }, { "[]", true }, { "nested-200000", false }, { "nested-200000", true },
        { "invalid-utf8", false }, { "invalid-utf8", true }, { "gzip-garbage", false }, { "br-garbage", true }, { "gzip-bomb", false },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task HostileBody_ClassifiesWithinBounds(string name, bool sync)
    {
        HostileCase c = name switch
        {
            "empty" => Case([], sync: sync),
            "null" => Case("null"u8.ToArray(), sync: sync),
            "[]" => Case("[]"u8.ToArray(), sync: sync),
            "nested-200000" => Case(Encoding.ASCII.GetBytes(new string('[', 200_000)), cap: 256 * 1024, sync: sync),
            "invalid-utf8" => Case([.. "{\"error\":{\"message\":\"bad \""u8, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF, .. "\",\"code\":\"invalid_api_key\"}}"u8], sync: sync),
            "gzip-garbage" => Case(HostileCases.RandomBytes(new Random(1), 2048), encoding: ["gzip"], sync: sync),
            "br-garbage" => Case(HostileCases.RandomBytes(new Random(2), 2048), encoding: ["br"], sync: sync),
            _ => Case(HostileCases.Encode(new byte[64 * 1024 * 1024], ["gzip"]), encoding: ["gzip"], sync: sync),
        };
        using var runner = new CaseRunner();
        Assert.Null(await runner.RunAsync(c));
        Assert.Equal(1, runner.Thrown);
        HardeningRun.Report($"named case '{name}' ({(sync ? "Send" : "SendAsync")}): {runner.Summary()}");
    }

    [Theory]
    [InlineData("utf-16", false)]
    [InlineData("utf-16BE", true)]
    [InlineData("gzip", false)]
    [InlineData("br", true)]
    [InlineData("gzip+br", false)]
    public async Task EncodedRealBody_IsDecodedAndClassified(string how, bool sync)
    {
        byte[] body = how switch
        {
            "utf-16" => Encoding.Unicode.GetBytes(OpenAI401),
            "utf-16BE" => Encoding.BigEndianUnicode.GetBytes(OpenAI401),
            "gzip" => HostileCases.Encode(Encoding.UTF8.GetBytes(OpenAI401), ["gzip"]),
            "br" => HostileCases.Encode(Encoding.UTF8.GetBytes(OpenAI401), ["br"]),
            _ => HostileCases.Encode(Encoding.UTF8.GetBytes(OpenAI401), ["gzip", "br"]),
        };
        HostileCase c = how.StartsWith("utf", StringComparison.Ordinal)
            ? Case(body, "application/json; charset=" + how, sync: sync)
            : Case(body, encoding: how.Split('+'), sync: sync);
        using var runner = new CaseRunner();
        Assert.Null(await runner.RunAsync(c));
        Assert.Equal(1, runner.Causes.GetValueOrDefault(AuthFailureCause.InvalidKey));
    }

    [Fact]
    public async Task TruncatedJson_EveryPrefix_ClassifiesWithoutCrashing()
    {
        byte[] whole = Encoding.UTF8.GetBytes(OpenAI401);
        using var runner = new CaseRunner();
        for (int length = 0; length <= whole.Length; length++)
        {
            Assert.Null(await runner.RunAsync(Case(whole[..length], sync: length % 2 == 0)));
        }

        HardeningRun.Report($"truncated JSON, every prefix: {runner.Summary()}");
    }

    /// <summary>
    /// A 1 GiB body, generated as it is read (never allocated). The handler reads its 64 KiB cap and stops; what the calling thread
    /// allocates stays within the cap plus 512 KiB (the 64 KiB read buffer, the decoded text, the failure and its message, log
    /// records, the HttpClient pipeline's own per-request objects). Measured on the synchronous door, where it all runs on one thread.
    /// </summary>
    [Fact]
    public void OneGibibyteBody_ReadsOnlyTheCap_AndAllocatesWithinCapPlusConstant()
    {
        const long GiB = 1L << 30;
        const int Cap = ApiAuthDiagnosticsOptions.DefaultMaxErrorBodyBytes;
        const long Constant = 512 * 1024;
        GeneratedBodyStream? body = null;
        using Pipeline pipeline = Pipeline.Create(o => o.Provider = "openai", () => new ScriptedHandler((_, _) =>
        {
            body = new GeneratedBodyStream("{\"error\":{\"message\":\"Incorrect API key provided: "u8.ToArray(), (byte)'a', GiB);
            var content = new StreamContent(body);
            content.Headers.ContentType = new("application/json");
            content.Headers.ContentLength = GiB;
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = content };
        }));
        using HttpClient client = pipeline.CreateClient();

        long allocated = 0;
        for (int run = 0; run < 3; run++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");
            // A fresh key each run: ApiAuth refuses, without sending, a key the server refused moments ago.
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + OpenAI.Make(new Random(HardeningRun.Seed + run)));
            long before = GC.GetAllocatedBytesForCurrentThread();
            ApiAuthException e = Assert.Throws<ApiAuthException>(() => client.Send(request, HttpCompletionOption.ResponseHeadersRead));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before; // the last run, warm
            Assert.True(e.Failure.RequestWasSent);
            Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
            Assert.InRange(body!.BytesRead, 0, Cap);
            Assert.True(body.IsDisposed, "the unread rest of the body was not released");
        }

        HardeningRun.Report($"1 GiB body: read {body!.BytesRead} bytes (cap {Cap}), allocated {allocated} bytes on the calling thread (bound {Cap + Constant})");
        Assert.InRange(allocated, 0, Cap + Constant);
    }
}
