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

    [Fact]
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

    [Fact]
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
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e), strict: true));
    }

    /// <summary>
    /// Pins what .NET's SocketsHttpHandler does on an automatic redirect to another host: it drops <c>Authorization</c>,
    /// and it must drop the provider key headers too. ApiAuth sits above the redirect (it sees only the first request),
    /// so this is the platform's guarantee; if a header is carried, SECURITY.md says to turn AllowAutoRedirect off.
    /// </summary>
    [Theory]
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

    [Theory]
    [InlineData("openai-compatible", "Authorization", "Bearer ", false)]
    [InlineData("openai-compatible", "Authorization", "Bearer ", true)]
    [InlineData("anthropic", "x-api-key", "", false)]
    [InlineData("azure-openai", "api-key", "", false)]
    [InlineData("gemini", "x-goog-api-key", "", true)]
    [InlineData("openai-compatible", null, "", false)]
    public async Task CrLfInsideCredential_IsNeverWrittenToTheWire(string provider, string? header, string scheme, bool sync)
    {
        string[] injections = ["\r\nX-Injected: yes", "\nX-Injected: yes", "\rX-Injected: yes", "\r\n\r\nGET /smuggled HTTP/1.1\r\nX-Injected: yes", "%0d%0aX-Injected: yes"];
        await using var server = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), ct));
        int refused = 0, rejectedByDotNet = 0, sentRepaired = 0;
        foreach (string injection in injections)
        {
            foreach (bool middle in new[] { true, false })
            {
                string key = Key(provider == "anthropic" ? "sk-" + "ant-" + "api03-" : provider == "gemini" ? "AIza" : "sk-proj-");
                string dirty = middle ? key.Insert(20, injection) : key + injection;
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

                Exception? e = null;
                try
                {
                    // A key in options is validated at start: a line break inside it fails options validation (OptionsValidationException).
                    using HttpClient client = pipeline.CreateClient();
                    using HttpResponseMessage response = sync ? await Task.Run(() => client.Send(request)) : await client.SendAsync(request);
                    sentRepaired++;
                }
                catch (Exception caught)
                {
                    e = caught;
                }

                if (e is ApiAuthException)
                {
                    refused++;
                }
                else if (e is HttpRequestException or InvalidOperationException or FormatException or Microsoft.Extensions.Options.OptionsValidationException)
                {
                    rejectedByDotNet++;
                }
                else if (e is not null)
                {
                    Assert.Fail($"unexpected {e}");
                }
            }
        }

        foreach (string head in server.Requests)
        {
            Assert.DoesNotContain("X-Injected", head, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/smuggled", head, StringComparison.Ordinal);
            foreach (string line in head.Split("\r\n"))
            {
                Assert.DoesNotContain('\r', line);
                Assert.DoesNotContain('\n', line);
            }
        }

        HardeningRun.Report($"CR/LF in {header ?? "options.ApiKey"} ({provider}, {(sync ? "Send" : "SendAsync")}): {injections.Length * 2} attempts, {refused} refused by ApiAuth, {rejectedByDotNet} rejected by .NET or options validation, {sentRepaired} sent with the line break removed; injected lines on the wire: 0");
    }

    /// <summary>
    /// Pins a .NET behaviour SECURITY.md warns about: Microsoft.Extensions.Http's Trace-level header logging masks values in the
    /// message ("Authorization: *") but keeps the raw value in the record's structured state, which structured sinks export.
    /// ApiAuth's own records never hold the key (the other tests check them); this one is outside ApiAuth's reach.
    /// </summary>
    [Fact]
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
