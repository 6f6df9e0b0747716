using System.Diagnostics;
using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;
using ApiAuth.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace ApiAuth.Hardening.Tests;

/// <summary>
/// Issue 7 secrecy: for random keys of every provider's shape and servers that echo them whole, partly, masked, URL-encoded
/// or JSON-escaped, in bodies and headers, nothing ApiAuth outputs — exception message, ToString(), AuthFailure properties,
/// log messages and structured state, metric tags, activity events — shows more of the key than its hint.
/// Issue 11, section 4 adds the forms servers and pages really use (zero-width characters, soft hyphens, fullwidth, HTML
/// entities, double encoding, tags, spaces) and keys with punctuation, of five characters, or starting with <c>$</c>.
/// </summary>
public sealed class SecrecyTests
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Every provider's shape, plus the shapes of issue 11 sent to an unknown gateway.</summary>
    private static readonly KeyShape[] Shapes =
    [
        .. Keys.Shapes,
        new("generic", "gateway.example", r => "id" + Keys.Random(r, Alnum, 4) + ":" + Keys.Random(r, Alnum, 6) + "." + Keys.Random(r, Alnum, 5) + "!" + Keys.Random(r, Alnum, 7) + ":" + Keys.Random(r, Alnum, 12)),
        new("generic", "gateway.example", r => Keys.Random(r, Alnum, 5)),
        new("generic", "gateway.example", r => "$" + Keys.Random(r, Alnum, 40)),
    ];

    private sealed record EchoCase(KeyShape Shape, string Key, int[] Modes, int Placement, int Status, bool KeyFromOptions, bool Sync, int EchoSeed)
    {
        public override string ToString() => $"{Shape.Provider} key, echo modes [{string.Join(",", Modes)}], placement {Placement}, status {Status}, key from {(KeyFromOptions ? "options" : "header")}, {(Sync ? "Send" : "SendAsync")}";
    }

    private static Gen<EchoCase> Cases() =>
        from shape in Gen.Elements(Shapes)
        from keySeed in Gen.Choose(0, int.MaxValue)
        from modes in Gen.ArrayOf(Gen.Choose(0, SecretScan.EchoForms - 1)).Where(m => m.Length > 0)
        from placement in Gen.Choose(0, 5)
        from status in Gen.Elements(400, 401, 403)
        from fromOptions in Gen.Elements(true, false)
        from sync in Gen.Elements(true, false)
        from echoSeed in Gen.Choose(0, int.MaxValue)
        select new EchoCase(shape, shape.Make(new Random(keySeed)), modes.Take(4).ToArray(), placement, status, fromOptions, sync, echoSeed);

    [Fact]
    public void EveryOutput_ServerEchoesTheKey_ShowsNoMoreThanTheHint()
    {
        int maxTest = HardeningRun.Count(5_000, 10_000);
        using var telemetry = new Telemetry();
        int thrown = 0, events = 0, measurements = 0, logRecords = 0;
        Property property = Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            string? problem = Task.Run(async () =>
            {
                var random = new Random(c.EchoSeed);
                string echo = string.Join(" ", c.Modes.Select(m => SecretScan.Echo(c.Key, m, random)));
                string jsonEcho = echo.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
                (string body, string type) = c.Placement switch
                {
                    0 => ($"{{\"error\":{{\"message\":\"Incorrect API key provided: {jsonEcho}. You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}}}", "application/json"),
                    1 => ($"Invalid API key: {echo}", "text/plain; charset=utf-8"),
                    2 => ($"{{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":{c.Status},\"detail\":\"token {jsonEcho} rejected\"}}", "application/problem+json"),
                    3 => ($"<html><head><title>401 {echo}</title></head><body>{echo}</body></html>", "text/html"),
                    4 => ($"{{\"type\":\"error\",\"error\":{{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key {jsonEcho}\"}}}}", "application/json"),
                    _ => ($"[{{\"error\":{{\"code\":{c.Status},\"message\":\"API key not valid: {jsonEcho}\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{{\"reason\":\"API_KEY_INVALID\",\"metadata\":{{\"key\":\"{jsonEcho}\"}}}}]}}}}]", "application/json"),
                };
                string challenge = $"Bearer error=\"invalid_token\", error_description=\"{echo.Replace("\"", "'", StringComparison.Ordinal)}\"";
                int reached = 0;

                using Pipeline pipeline = Pipeline.Create(
                    o =>
                    {
                        o.Provider = c.Shape.Provider;
                        o.ApiKey = c.KeyFromOptions ? c.Key : null;
                    },
                    () => new ScriptedHandler((request, _) =>
                    {
                        reached++;
                        var response = new HttpResponseMessage((HttpStatusCode)c.Status) { Content = new StringContent(body, Encoding.UTF8) };
                        response.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                        response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
                        return response;
                    }));
                using HttpClient client = pipeline.CreateClient();
                using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{c.Shape.Host}/v1/models");
                if (!c.KeyFromOptions)
                {
                    CaseRunner.PlaceKey(request, c.Shape.Provider, c.Key);
                }

                telemetry.Clear();
                Exception? caught = null;
                HttpResponseMessage? response = null;
                using (Activity? activity = Telemetry.Source.StartActivity("secrecy-case"))
                {
                    try
                    {
                        response = c.Sync ? client.Send(request) : await client.SendAsync(request);
                    }
                    catch (Exception e)
                    {
                        caught = e;
                    }
                }

                using (response)
                {
                    if (caught is not null and not ApiAuthException)
                    {
                        return $"threw {caught}";
                    }

                    // A request refused before sending never met the echoing body: the case would test nothing (issue 10).
                    if (reached != 1)
                    {
                        return $"the request reached the server {reached} time(s), not once: {(caught as ApiAuthException)?.Failure.Cause}";
                    }

                    AuthFailure? failure = (caught as ApiAuthException)?.Failure;
                    thrown += caught is null ? 0 : 1;
                    events += telemetry.ActivityEventCount;
                    measurements += telemetry.MeasurementCount;
                    logRecords += pipeline.Logs.Count;
                    return SecretScan.FindLeak(
                        c.Key,
                        Outputs.Of(caught).Concat(Outputs.Of(failure)).Concat(pipeline.LogOutputs()).Concat(telemetry.Outputs()));
                }
            }).GetAwaiter().GetResult();
            return problem is null ? true.Label("ok") : false.Label(problem);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true), property);
        HardeningRun.Report($"FsCheck secrecy property: {maxTest} generated cases (keys of {Shapes.Length} shapes, {SecretScan.EchoForms} echo forms, 6 body shapes + WWW-Authenticate), {thrown} ApiAuthExceptions, {logRecords} log records, {measurements} metric measurements and {events} activity events searched; leaks 0");
        Assert.True(measurements > 0, "no ApiAuth metric measurement was seen: is the meter still named 'ApiAuth'?");
        Assert.True(events > 0, "no ApiAuth activity event was seen");
    }

    // ---- Regression tests for leaks the random suites found (issue 7), now fixed in src/ApiAuth. ----

    private static string OpenAIKey() => "sk-" + "proj-" + Keys.Random(new Random(7), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 64);

    private static async Task<ApiAuthException> SendOpenAI(string key, Func<HttpResponseMessage> respond)
    {
        using Pipeline pipeline = Pipeline.Create(o => o.Provider = "openai", () => new ScriptedHandler((_, _) => respond()));
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(request));
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e).Concat(pipeline.LogOutputs())));
        return e;
    }

    private static HttpResponseMessage Json401(string json) => new(HttpStatusCode.Unauthorized) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task RequestId_ServerEchoesTheKeyInXRequestId_IsRedacted_Issue7()
    {
        string key = OpenAIKey();
        await SendOpenAI(key, () =>
        {
            HttpResponseMessage r = Json401("{\"error\":{\"message\":\"Incorrect API key provided.\",\"code\":\"invalid_api_key\"}}");
            r.Headers.TryAddWithoutValidation("x-request-id", key);
            return r;
        });
    }

    [Fact]
    public async Task ErrorCode_ServerEchoesTheKeyInCode_IsRedacted_Issue7()
    {
        string key = OpenAIKey();
        await SendOpenAI(key, () => Json401("{\"error\":{\"message\":\"bad credentials\",\"code\":\"" + key + "\"}}"));
    }

    [Fact]
    public async Task ServerMessage_KeyEchoedAsJsonEscapesInText_IsRedacted_Issue7()
    {
        string key = OpenAIKey();
        await SendOpenAI(key, () => new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent("Invalid API key: " + SecretScan.JsonEscapeAll(key), Encoding.UTF8, "text/plain"),
        });
    }

    [Fact]
    public async Task Remediation_MaskedEchoCarryingTheKey_IsRedacted_Issue7()
    {
        string key = OpenAIKey();
        string echo = "sk-" + "ant-a***" + key[10..42] + "***Tq9A";
        await SendOpenAI(key, () => Json401("{\"error\":{\"message\":\"Incorrect API key provided: " + echo + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\"code\":\"invalid_api_key\"}}"));
    }

    public static TheoryData<int, int, bool> Issue11Forms()
    {
        var data = new TheoryData<int, int, bool>();
        for (int form = 9; form < SecretScan.EchoForms; form++)
        {
            for (int shape = Keys.Shapes.Count; shape < Shapes.Length; shape++)
            {
                data.Add(form, shape, false);
                data.Add(form, shape, true);
            }

            data.Add(form, 0, false);
            data.Add(form, 0, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Issue11Forms))]
    public async Task EveryOutput_KeyEchoedInIssue11Form_ShowsNoMoreThanTheHint_Issue11(int form, int shapeIndex, bool sync)
    {
        KeyShape shape = Shapes[shapeIndex];
        string key = shape.Make(new Random(HardeningRun.Seed + form));
        string echo = SecretScan.Echo(key, form, new Random(form));
        Assert.NotNull(SecretScan.FindLeak(key, [("the echo", echo)]));
        string json = echo.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        (string Body, string Type)[] bodies =
        [
            ("{\"error\":{\"message\":\"Incorrect API key provided: " + json + ".\",\"code\":\"" + json + "\"}}", "application/json"),
            ("Invalid API key: " + echo, "text/plain; charset=utf-8"),
            ("<html><body><p>Invalid API key: <code>" + echo + "</code></p></body></html>", "text/html"),
            ("<html><head><title>401 " + echo + "</title></head></html>", "text/html"),
        ];

        foreach ((string body, string type) in bodies)
        {
            using Pipeline pipeline = Pipeline.Create(o => o.Provider = shape.Provider, () => new ScriptedHandler((_, _) =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(body, Encoding.UTF8) };
                response.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                response.Headers.TryAddWithoutValidation("x-request-id", echo);
                return response;
            }));
            using HttpClient client = pipeline.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{shape.Host}/v1/models");
            CaseRunner.PlaceKey(request, shape.Provider, key);

            ApiAuthException e = sync
                ? Assert.Throws<ApiAuthException>(() => client.Send(request))
                : await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(request));

            Assert.True(e.Failure.RequestWasSent, e.Message);
            Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e).Concat(pipeline.LogOutputs())));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ErrorCode_KeySplitBySpaces_IsRedacted_Issue11(bool sync)
    {
        string key = OpenAIKey();
        string spaced = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        using Pipeline pipeline = Pipeline.Create(o => o.Provider = "openai", () => new ScriptedHandler((_, _) => Json401("{\"error\":{\"message\":\"bad credentials\",\"code\":\"" + spaced + "\"}}")));
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);

        ApiAuthException e = sync
            ? Assert.Throws<ApiAuthException>(() => client.Send(request))
            : await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(request));

        Assert.Equal("[REDACTED]", e.Failure.ErrorCode);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e).Concat(pipeline.LogOutputs())));
    }

    [Fact(Timeout = 600_000)]
    public async Task GeminiEmulator_EchoesSuspendedKeyInFull_NothingShowsIt()
    {
        string key = "AI" + "za" + Keys.Random(new Random(HardeningRun.Seed), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 35);
        ProviderEmulator emulator = new ProviderEmulator(EmulatedProvider.Gemini).WithDisabledAccountKey(key);
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        using Pipeline pipeline = Pipeline.Create(o =>
        {
            o.Provider = "gemini";
            o.ApiKey = key;
        });
        using HttpClient client = pipeline.CreateClient();
        client.BaseAddress = server.BaseAddress;

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(
            "v1beta/models/gemini-2.0-flash:generateContent",
            new StringContent("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken));

        Assert.Equal(AuthFailureCause.AccountDisabled, e.Failure.Cause);
        Assert.Contains(emulator.ReceivedRequests, r => r.GetHeader("x-goog-api-key") == key);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e).Concat(pipeline.LogOutputs())));
    }
}
