using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests;

/// <summary>Issue 7 named cases beside the random ones, through the real handler on both doors.</summary>
public sealed class NamedHostileBodyTests
{
    private const string OpenAI401 = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

    private static readonly KeyShape OpenAI = Keys.Shapes[0];

    private static HostileCase Case(byte[] body, string? contentType = "application/json", string[]? encoding = null, int cap = 64 * 1024, bool sync = false, int status = 401) =>
        new(status, body, contentType, encoding ?? [], [], null, null, cap, sync, true, OpenAI, OpenAI.Make(new Random(HardeningRun.Seed)));

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
