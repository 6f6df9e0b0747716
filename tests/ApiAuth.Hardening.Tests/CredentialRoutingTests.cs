using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests;

/// <summary>
/// Issue 7: a credential goes only where it belongs. Never over plain http to a non-loopback host; not to a host outside the
/// client's allow-list; not carried by a redirect to another host (pinned .NET behaviour); never with CR/LF on the wire.
/// </summary>
public sealed class CredentialRoutingTests
{

    private static string Key(string prefix = "sk-proj-") => prefix + Keys.Random(new Random(HardeningRun.Seed), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlainHttpToRemoteHost_IsRefusedBeforeAnyByteLeaves(bool sync)
    {
        var primary = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK));
        using Pipeline pipeline = Pipeline.Create(o => o.Provider = "openai-compatible", () => primary);
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://llm.example.com/v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key());

        Exception? e = await Record.ExceptionAsync(() => sync ? Task.Run(() => client.Send(request)) : client.SendAsync(request));

        ApiAuthException api = Assert.IsType<ApiAuthException>(e);
        Assert.Equal(AuthFailureCause.WrongEndpoint, api.Failure.Cause);
        Assert.False(api.Failure.RequestWasSent);
        Assert.Equal(0, primary.Calls);
    }

    [Fact(Timeout = 120_000)]
    public async Task PlainHttpToLoopback_IsAllowed()
    {
        await using var server = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), ct));
        using Pipeline pipeline = Pipeline.Create(o => o.Provider = "openai-compatible");
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/models"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key());
        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task AllowedHosts_RequestToAnotherHost_IsRefusedBeforeSending()
    {
        var primary = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK));
        using Pipeline pipeline = Pipeline.Create(o =>
        {
            o.Provider = "openai";
            o.AllowedHosts.Add("api.openai.com");
        }, () => primary);
        using HttpClient client = pipeline.CreateClient();
        string key = Key();

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");
        allowed.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using HttpResponseMessage ok = await client.SendAsync(allowed, TestContext.Current.CancellationToken);
        Assert.Equal(1, primary.Calls);

        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com.evil.example/v1/models");
        elsewhere.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(elsewhere, TestContext.Current.CancellationToken));
        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Equal(1, primary.Calls);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e)));
    }

    /// <summary>
    /// A redirect to another host through a real SocketsHttpHandler: ApiAuth turns the handler's own redirects off and
    /// follows them itself, so neither <c>Authorization</c> nor a provider key header reaches the other host (the
    /// registration-order, resilience and property matrix is in <c>Redirects/</c>).
    /// </summary>
    [Theory(Timeout = 120_000)]
    [InlineData("openai-compatible", "Authorization", "Bearer ")]
    [InlineData("anthropic", "x-api-key", "")]
    [InlineData("azure-openai", "api-key", "")]
    [InlineData("gemini", "x-goog-api-key", "")]
    public async Task RedirectToAnotherHost_DoesNotCarryTheKey(string provider, string header, string scheme)
    {
        string key = provider switch
        {
            "anthropic" => Key("sk-" + "ant-" + "api03-") + "AA",
            "gemini" => "AI" + "za" + Keys.Random(new Random(3), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 35),
            "azure-openai" => Keys.Random(new Random(5), "0123456789abcdef", 32),
            _ => Key(),
        };
        await using var target = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), ct));
        await using var origin = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii($"HTTP/1.1 302 Found\r\nLocation: http://localhost:{target.Port}/landed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), ct));
        using Pipeline pipeline = Pipeline.Create(o => o.Provider = provider);
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin.BaseAddress, "v1/models"));
        request.Headers.TryAddWithoutValidation(header, scheme + key);
        if (provider == "anthropic")
        {
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        }

        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(origin.Requests, r => r.Contains(key, StringComparison.Ordinal));
        string landed = Assert.Single(target.Requests);
        Assert.StartsWith("GET /landed", landed, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^12..], landed, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("openai-compatible", "Authorization", "Bearer ", false)]
    [InlineData("openai-compatible", "Authorization", "Bearer ", true)]
    [InlineData("anthropic", "x-api-key", "", false)]
    [InlineData("azure-openai", "api-key", "", false)]
    [InlineData("gemini", "x-goog-api-key", "", true)]
    [InlineData("openai-compatible", null, "", false)]
    public async Task CrLfInsideCredential_IsNeverWrittenToTheWire(string provider, string? header, string scheme, bool sync)
    {
        // Text after a line break (in the middle of the key or after it) is an injection: refused before sending, by ApiAuth
        // (a header) or by options validation (options.ApiKey). A bare line break at the end is repaired and the request
        // sent: those requests reach the socket, so the wire checks below read real requests.
        string[] injections = ["\r\nX-Injected: yes", "\nX-Injected: yes", "\rX-Injected: yes", "\r\n\r\nGET /smuggled HTTP/1.1\r\nX-Injected: yes", "%0d%0aX-Injected: yes"];
        string[] edges = ["\n", "\r\n", "\r\n\r\n"];
        await using var server = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), ct));
        int refused = 0, optionsFailed = 0, sentRepaired = 0;
        string key = provider switch
        {
            "anthropic" => Key("sk-" + "ant-" + "api03-"),
            "gemini" => Key("AIza"),
            "azure-openai" => Keys.Random(new Random(HardeningRun.Seed), "0123456789abcdef", 32),
            _ => Key(),
        };
        IEnumerable<(string Dirty, bool Injection)> attempts =
            injections.SelectMany(i => new[] { (key.Insert(20, i), true), (key + i, true) }).Concat(edges.Select(e => (key + e, false)));
        foreach ((string dirty, bool injection) in attempts)
        {
            using Pipeline pipeline = Pipeline.Create(o =>
            {
                o.Provider = provider;
                o.AllowInsecureHttp = true;
                o.ApiKey = header is null ? dirty : null;
            });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/models"));
            if (header is not null)
            {
                request.Headers.TryAddWithoutValidation(header, scheme + dirty);
            }

            try
            {
                // A key in options is validated at start: a line break inside it fails options validation (OptionsValidationException).
                using HttpClient client = pipeline.CreateClient();
                using HttpResponseMessage response = sync
                    ? await Task.Run(() => client.Send(request, TestContext.Current.CancellationToken))
                    : await client.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.False(injection, $"an injected credential was sent: {Printable(dirty[key.Length..])}");
                sentRepaired++;
            }
            catch (ApiAuthException e)
            {
                Assert.True(injection && header is not null, $"refused instead of repaired: {e.Failure.Cause}");
                Assert.False(e.Failure.RequestWasSent);
                refused++;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                Assert.True(injection && header is null, $"unexpected options failure {e.Message}");
                Assert.DoesNotContain("X-Injected", e.Message, StringComparison.Ordinal);
                optionsFailed++;
            }
        }

        // Every injection was stopped by ApiAuth itself (never left to .NET's header validation), every bare line break repaired.
        Assert.Equal(header is null ? 0 : injections.Length * 2, refused);
        Assert.Equal(header is null ? injections.Length * 2 : 0, optionsFailed);
        Assert.Equal(edges.Length, sentRepaired);
        Assert.Equal(edges.Length, server.Requests.Count);
        foreach (string head in server.Requests)
        {
            Assert.DoesNotContain("X-Injected", head, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/smuggled", head, StringComparison.Ordinal);
            Assert.Contains(key, head, StringComparison.Ordinal);
            Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);
            foreach (string line in head[..^4].Split("\r\n"))
            {
                Assert.NotEmpty(line);
                Assert.DoesNotContain('\r', line);
                Assert.DoesNotContain('\n', line);
            }
        }

        HardeningRun.Report($"CR/LF in {header ?? "options.ApiKey"} ({provider}, {(sync ? "Send" : "SendAsync")}): {injections.Length * 2} injections, {refused} refused by ApiAuth, {optionsFailed} failed options validation; {edges.Length} trailing line breaks, {sentRepaired} sent repaired; injected lines on the wire: 0");
    }

    private static string Printable(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Issue 11 §3: where a CR, LF or NUL sits, for each carrier ApiAuth did not read before (or writes itself).</summary>
    public static TheoryData<string, bool> LineBreakCarriers()
    {
        var data = new TheoryData<string, bool>();
        foreach (string carrier in new[] { "request OpenAI-Organization", "request OpenAI-Project", "Basic at openai", "x-api-key at generic", "second credential header", "options Organization", "options Project" })
        {
            data.Add(carrier, false);
            data.Add(carrier, true);
        }

        return data;
    }

    /// <summary>
    /// Issue 11 §3, read as raw bytes at a loopback socket: no injected header line, no bare CR or LF inside a line, no NUL.
    /// A line break around a value is trimmed and the request sent; one inside is refused before sending (or, in an option,
    /// fails options validation). At least the trimmed variants must arrive, so the check reads real requests.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(LineBreakCarriers))]
    public async Task LineBreakInAnyCarrierOrIdHeader_IsNeverWrittenToTheWire_Issue11(string carrier, bool sync)
    {
        string[] injections = ["\r\nX-Injected: yes", "\nX-Injected: yes", "\rX-Injected: yes", "\r\n\r\nGET /smuggled HTTP/1.1\r\nX-Injected: yes", "\0X-Injected: yes"];
        string[] edges = ["\n", "\r\n", "\r\n\r\n"];
        await using var server = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), ct));
        string key = Key();
        int refused = 0, optionsFailed = 0, sent = 0, attempts = 0;
        foreach ((string suffix, bool inside) in injections.Select(i => (i, true)).Concat(edges.Select(e => (e, false))))
        {
            attempts++;
            string id = carrier.Contains("Project", StringComparison.Ordinal) ? "proj_abc123" : "org-abc123";
            string dirty = id + suffix;
            using Pipeline pipeline = Pipeline.Create(o =>
            {
                o.Provider = carrier.Contains("generic", StringComparison.Ordinal) ? "generic" : "openai";
                if (carrier == "options Organization")
                {
                    o.Organization = dirty;
                }
                else if (carrier == "options Project")
                {
                    o.Project = dirty;
                }
            });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/models"));
            switch (carrier)
            {
                case "request OpenAI-Organization":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                    request.Headers.TryAddWithoutValidation("OpenAI-Organization", dirty);
                    break;
                case "request OpenAI-Project":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                    request.Headers.TryAddWithoutValidation("OpenAI-Project", dirty);
                    break;
                case "Basic at openai":
                    request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key)) + suffix);
                    break;
                case "x-api-key at generic":
                    request.Headers.TryAddWithoutValidation("x-api-key", key + suffix);
                    break;
                case "second credential header":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                    request.Headers.TryAddWithoutValidation("api-key", key[..24] + suffix);
                    break;
                default:
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                    break;
            }

            try
            {
                using HttpClient client = pipeline.CreateClient();
                using HttpResponseMessage response = sync
                    ? await Task.Run(() => client.Send(request, TestContext.Current.CancellationToken))
                    : await client.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.False(inside, $"{carrier}: a value with a line break inside was sent");
                sent++;
            }
            catch (ApiAuthException e)
            {
                Assert.True(inside, $"{carrier}: a trailing line break was refused instead of trimmed: {e.Failure.Cause}");
                Assert.Contains(e.Failure.Cause, new[] { AuthFailureCause.MalformedKey, AuthFailureCause.MalformedAuthorizationHeader });
                Assert.False(e.Failure.RequestWasSent);
                Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e)));
                refused++;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                Assert.True(inside && carrier.StartsWith("options", StringComparison.Ordinal), $"{carrier}: unexpected options failure {e.Message}");
                Assert.DoesNotContain("X-Injected", e.Message, StringComparison.Ordinal);
                optionsFailed++;
            }
        }

        Assert.Equal(edges.Length, sent);
        Assert.Equal(edges.Length, server.Requests.Count);
        foreach (string head in server.Requests)
        {
            Assert.DoesNotContain("X-Injected", head, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/smuggled", head, StringComparison.Ordinal);
            Assert.DoesNotContain('\0', head);
            Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);
            foreach (string line in head[..^4].Split("\r\n"))
            {
                Assert.NotEmpty(line);
                Assert.DoesNotContain('\r', line);
                Assert.DoesNotContain('\n', line);
            }
        }

        HardeningRun.Report($"CR/LF/NUL via {carrier} ({(sync ? "Send" : "SendAsync")}): {attempts} attempts, {refused} refused by ApiAuth, {optionsFailed} failed options validation, {sent} sent trimmed; injected lines on the wire: 0");
    }

    /// <summary>Issue 11 §1 at a real socket: with AllowedHosts set, a key in any carrier never reaches another host (nothing arrives).</summary>
    [Theory(Timeout = 120_000)]
    [InlineData("x-api-key", false)]
    [InlineData("api-key", true)]
    [InlineData("Ocp-Apim-Subscription-Key", false)]
    [InlineData("apikey", true)]
    [InlineData("X-Auth-Token", false)]
    [InlineData("Basic", true)]
    [InlineData("?api_key", false)]
    [InlineData("?access_token", true)]
    public async Task AllowedHosts_KeyInAnyCarrierToAnotherHost_NothingArrives_Issue11(string carrier, bool sync)
    {
        await using var server = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), ct));
        using Pipeline pipeline = Pipeline.Create(o => o.AllowedHosts.Add("api.example.com"));
        using HttpClient client = pipeline.CreateClient();
        string key = "gw" + Keys.Random(new Random(HardeningRun.Seed), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        using var request = carrier.StartsWith('?')
            ? new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, $"v1/models?{carrier[1..]}={key}"))
            : new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/models"));
        if (carrier == "Basic")
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + key)));
        }
        else if (!carrier.StartsWith('?'))
        {
            request.Headers.TryAddWithoutValidation(carrier, key);
        }

        Exception? e = await Record.ExceptionAsync(() => sync
            ? Task.Run(() => client.Send(request, TestContext.Current.CancellationToken))
            : client.SendAsync(request, TestContext.Current.CancellationToken));

        ApiAuthException api = Assert.IsType<ApiAuthException>(e);
        Assert.Equal(AuthFailureCause.WrongEndpoint, api.Failure.Cause);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(api)));
        Assert.Empty(server.Requests);
    }

    /// <summary>
    /// Pins a .NET behaviour SECURITY.md warns about: Microsoft.Extensions.Http's Trace-level header logging masks values in the
    /// message ("Authorization: *") but keeps the raw value in the record's structured state, which structured sinks export.
    /// ApiAuth's own records never hold the key (the other tests check them); this one is outside ApiAuth's reach.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task MicrosoftExtensionsHttpTraceLogging_KeepsRawHeaderInStructuredState_PinnedDotNetBehaviour()
    {
        string key = Key();
        using Pipeline pipeline = Pipeline.Create(o => o.Provider = "openai", () => new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var httpRecords = pipeline.Logs.GetSnapshot().Where(r => r.Category?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true).ToList();
        Assert.DoesNotContain(httpRecords, r => r.Message.Contains(key, StringComparison.Ordinal));
        Assert.Contains(httpRecords, r => r.StructuredState?.Any(p => p.Value?.Contains(key, StringComparison.Ordinal) == true) == true);
    }
}
