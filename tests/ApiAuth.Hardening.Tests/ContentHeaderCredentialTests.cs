using System.Net;
using System.Net.Sockets;
using ApiAuth.Hardening.Tests.Infrastructure;
using ApiAuth.Hardening.Tests.Redirects;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Hardening.Tests;

/// <summary>
/// Issue 11, red-team findings: a credential in the request's content headers (<c>content.Headers.TryAddWithoutValidation("x-api-key", …)</c>),
/// which .NET writes on the wire like a request header, obeys every rule a request header does — it never follows a redirect
/// to another origin (307/308 keep the body), never leaves for a host outside <c>AllowedHosts</c> or over plain http to a
/// public host (nor as a cloud key to the user's own network), and never carries a line break. <c>Cookie</c> and
/// <c>Proxy-Authorization</c> never carry a line break either. A key a server reflected into a cross-origin <c>Location</c>
/// after a ';' is stripped too. Everything is read at a loopback socket, on both doors.
/// </summary>
public sealed class ContentHeaderCredentialTests : IClassFixture<RedirectServers>
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] Carriers = ["x-api-key", "api-key", "apikey", "X-Auth-Token", "x-goog-api-key", "Ocp-Apim-Subscription-Key"];

    private readonly RedirectServers _servers;

    public ContentHeaderCredentialTests(RedirectServers servers) => _servers = servers;

    public static TheoryData<string, int, bool, bool> CrossOriginCases()
    {
        var data = new TheoryData<string, int, bool, bool>();
        foreach (string header in Carriers)
        {
            foreach (int code in new[] { 307, 308 })
            {
                foreach (bool resilienceAbove in new[] { false, true })
                {
                    data.Add(header, code, resilienceAbove, code == 307 ^ resilienceAbove);
                    data.Add(header, code, resilienceAbove, !(code == 307 ^ resilienceAbove));
                }
            }
        }

        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(CrossOriginCases))]
    public async Task ContentHeaderKey_CrossOriginRedirectKeepingTheBody_NeverReachesTheOtherOrigin_Issue11(string header, int code, bool resilienceAbove, bool sync)
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        string key = NewKey(header.GetHashCode(StringComparison.Ordinal) ^ code);
        string caseId = RedirectServers.NewCase();
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddHttpClient("content-redirect");
        if (resilienceAbove)
        {
            builder.AddStandardResilienceHandler();
        }

        builder.AddApiAuthDiagnostics();
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("content-redirect");
        var content = new StringContent("{\"q\":1}", System.Text.Encoding.UTF8, "application/json");
        content.Headers.TryAddWithoutValidation(header, key);
        using var request = new HttpRequestMessage(HttpMethod.Post, _servers.Start(caseId, code, crossOrigin: true)) { Content = content };

        using HttpResponseMessage response = await Send(client, request, sync, cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ReceivedRequest atOrigin = Assert.Single(_servers.AtOrigin(caseId));
        Assert.Equal(key, atOrigin.Header(header));
        ReceivedRequest landed = Assert.Single(_servers.AtOther(caseId));
        Assert.Equal("POST", landed.Method);
        Assert.Equal(7, landed.BodyLength);
        Assert.StartsWith("application/json", landed.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Empty(landed.Leaks(key));
        Assert.Empty(landed.Leaks(key[^12..]));

        // The caller's content is left as it was.
        Assert.True(content.Headers.TryGetValues(header, out IEnumerable<string>? kept));
        Assert.Equal(key, Assert.Single(kept));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("x-api-key", false)]
    [InlineData("api-key", true)]
    [InlineData("Ocp-Apim-Subscription-Key", false)]
    [InlineData("apikey", true)]
    [InlineData("X-Auth-Token", false)]
    [InlineData("x-goog-api-key", true)]
    public async Task ContentHeaderKey_HostOutsideAllowedHosts_IsRefusedBeforeAnyByteLeaves_Issue11(string header, bool sync)
    {
        string key = NewKey(1);
        await using var server = new RawHttpServer(Ok);
        using Pipeline pipeline = Pipeline.Create(o =>
        {
            o.AllowedHosts.Add("api.example.com");
            o.AllowInsecureHttp = true;
        }, () => ToLoopback(server.Port));
        using HttpClient client = pipeline.CreateClient();
        using HttpRequestMessage request = PostWithContentHeader("http://other.example/v1/chat/completions", header, key);

        ApiAuthException e = await Refused(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.False(e.Failure.RequestWasSent);
        Assert.Contains("AllowedHosts", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e)));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("x-api-key", false)]
    [InlineData("api-key", true)]
    [InlineData("apikey", false)]
    [InlineData("X-Auth-Token", true)]
    public async Task ContentHeaderKey_PlainHttpToPublicHost_IsRefusedBeforeAnyByteLeaves_Issue11(string header, bool sync)
    {
        string key = NewKey(2);
        await using var server = new RawHttpServer(Ok);
        using Pipeline pipeline = Pipeline.Create(_ => { }, () => ToLoopback(server.Port));
        using HttpClient client = pipeline.CreateClient();
        using HttpRequestMessage request = PostWithContentHeader("http://llm.example.com/v1/chat/completions", header, key);

        ApiAuthException e = await Refused(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.False(e.Failure.RequestWasSent);
        Assert.Contains("clear text", e.Failure.Remediation, StringComparison.Ordinal);
        // The key in the content header is the credential the request carries: hinted by its last four characters.
        Assert.EndsWith("…" + key[^4..], e.Failure.KeyHint, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e)));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ContentHeaderCloudKey_PlainHttpToOwnNetwork_IsRefusedBeforeAnyByteLeaves_Issue11(bool sync)
    {
        string key = "sk-" + "proj-" + Keys.Random(new Random(HardeningRun.Seed), Alnum, 64);
        await using var server = new RawHttpServer(Ok);
        using Pipeline pipeline = Pipeline.Create(_ => { }, () => ToLoopback(server.Port));
        using HttpClient client = pipeline.CreateClient();
        using HttpRequestMessage request = PostWithContentHeader("http://10.1.2.3:8000/v1/chat/completions", "x-api-key", key);

        ApiAuthException e = await Refused(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Contains("cloud provider's format", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e)));
    }

    public static TheoryData<string, string, bool> LineBreakCases()
    {
        var data = new TheoryData<string, string, bool>();
        string[] injections = ["\r\nX-Injected: yes", "\nX-Injected: yes", "\rX-Injected: yes", "\0X-Injected: yes"];
        bool sync = false;
        foreach (string header in Carriers)
        {
            foreach (string injection in injections)
            {
                data.Add(header, injection, sync = !sync);
            }
        }

        return data;
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LineBreakCases))]
    public async Task ContentHeaderKey_LineBreakOrNulInside_IsRefusedAndNeverWritten_Issue11(string header, string injection, bool sync)
    {
        string key = NewKey(3);
        await using var server = new RawHttpServer(Ok);
        using Pipeline pipeline = Pipeline.Create(_ => { });
        using HttpClient client = pipeline.CreateClient();
        using HttpRequestMessage request = PostWithContentHeader(new Uri(server.BaseAddress, "v1/chat/completions").ToString(), header, key.Insert(20, injection));

        ApiAuthException e = await Refused(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(AuthFailureCause.MalformedKey, e.Failure.Cause);
        Assert.False(e.Failure.RequestWasSent);
        Assert.Contains(header, e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Contains("position 21", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e)));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("Cookie", "session=", "\r\nX-Injected: yes", false)]
    [InlineData("Cookie", "session=", "\nX-Injected: yes", true)]
    [InlineData("Cookie", "session=", "\0X-Injected: yes", false)]
    [InlineData("Proxy-Authorization", "Basic ", "\r\nX-Injected: yes", true)]
    [InlineData("Proxy-Authorization", "Basic ", "\rX-Injected: yes", false)]
    [InlineData("Proxy-Authorization", "Basic ", "\0X-Injected: yes", true)]
    public async Task CookieOrProxyAuthorization_LineBreakOrNulInside_IsRefusedAndNeverWritten_Issue11(string header, string prefix, string injection, bool sync)
    {
        string secret = NewKey(4);
        await using var server = new RawHttpServer(Ok);
        using Pipeline pipeline = Pipeline.Create(_ => { });
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/models"));
        string value = prefix + secret.Insert(10, injection);
        Assert.True(request.Headers.TryAddWithoutValidation(header, value));

        ApiAuthException e = await Refused(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(AuthFailureCause.MalformedAuthorizationHeader, e.Failure.Cause);
        Assert.False(e.Failure.RequestWasSent);
        Assert.Contains(header, e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Contains($"position {prefix.Length + 11}", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Null(SecretScan.FindLeak(secret, Outputs.Of(e)));
    }

    /// <summary>
    /// A key sent only in a content header is the credential the request carried: a 401 that echoes it is hinted by it and
    /// redacted, and not diagnosed as a missing key.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [InlineData("x-api-key", false)]
    [InlineData("x-api-key", true)]
    [InlineData("X-Auth-Token", false)]
    [InlineData("apikey", true)]
    public async Task ContentHeaderKey_RejectedWithTheKeyEchoed_IsHintedAndRedacted_Issue11(string header, bool sync)
    {
        string key = NewKey(6);
        string body = $"{{\"error\":{{\"message\":\"Incorrect API key provided: {key}.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}}}";
        await using var server = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii(
            $"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), ct));
        using Pipeline pipeline = Pipeline.Create(_ => { });
        using HttpClient client = pipeline.CreateClient();
        using HttpRequestMessage request = PostWithContentHeader(new Uri(server.BaseAddress, "v1/chat/completions").ToString(), header, key);

        ApiAuthException e = await Refused(client, request, sync, TestContext.Current.CancellationToken);

        Assert.True(e.Failure.RequestWasSent);
        Assert.NotEqual(AuthFailureCause.MissingKey, e.Failure.Cause);
        Assert.EndsWith("…" + key[^4..], e.Failure.KeyHint, StringComparison.Ordinal);
        Assert.NotNull(e.Failure.ServerMessage);
        Assert.Null(SecretScan.FindLeak(key, Outputs.Of(e)));
        Assert.Null(SecretScan.FindLeak(key, pipeline.LogOutputs()));
    }

    /// <summary>A clean cookie, and a cookie with only a trailing line break (trimmed, as for every carrier), are sent: the rule refuses only what would inject a line.</summary>
    [Theory(Timeout = 30_000)]
    [InlineData("session=abc123", false)]
    [InlineData("session=abc123\r\n", true)]
    public async Task Cookie_CleanOrTrailingLineBreak_IsSentOnOneLine_Issue11(string cookie, bool sync)
    {
        await using var server = new RawHttpServer(Ok);
        using Pipeline pipeline = Pipeline.Create(_ => { });
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/models"));
        request.Headers.TryAddWithoutValidation("Cookie", cookie);

        using HttpResponseMessage response = await Send(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string head = Assert.Single(server.Requests);
        Assert.Contains("\r\nCookie: session=abc123\r\n", head, StringComparison.Ordinal);
    }

    /// <summary>
    /// A server reflects the request's <c>?key=</c> into a cross-origin <c>Location</c> after a ';' (which many servers treat as
    /// a parameter separator): the hop to the other origin carries no part of the key; the other parameters stay.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [InlineData(307, false)]
    [InlineData(302, true)]
    [InlineData(308, true)]
    [InlineData(301, false)]
    public async Task CrossOriginLocation_KeyReflectedAfterSemicolon_IsStripped_Issue11(int code, bool sync)
    {
        string key = NewKey(5);
        await using var other = new RawHttpServer(Ok);
        await using var origin = new RawHttpServer(async (_, stream, _, ct) => await stream.WriteAsync(RawHttpServer.Ascii(
            $"HTTP/1.1 {code} Moved\r\nLocation: http://127.0.0.1:{other.Port}/n?x=1;key={key}&y=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), ct));
        using Pipeline pipeline = Pipeline.Create(_ => { });
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin.BaseAddress, $"v1/models?key={key}"));

        using HttpResponseMessage response = await Send(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(origin.Requests, r => r.Contains(key, StringComparison.Ordinal));
        string landed = Assert.Single(other.Requests);
        Assert.StartsWith("GET /n?x=1", landed, StringComparison.Ordinal);
        Assert.Contains("y=1", landed.Split("\r\n")[0], StringComparison.Ordinal);
        Assert.DoesNotContain(key[^12..], landed, StringComparison.Ordinal);
    }

    private static string NewKey(int salt) => Keys.Random(new Random(HardeningRun.Seed ^ salt), Alnum, 40);

    private static HttpRequestMessage PostWithContentHeader(string uri, string header, string value)
    {
        var content = new StringContent("{\"q\":1}", System.Text.Encoding.UTF8, "application/json");
        Assert.True(content.Headers.TryAddWithoutValidation(header, value));
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
    }

    /// <summary>A socket handler that connects every host to the loopback server: what a request to a remote host would put on the wire is read there.</summary>
    private static SocketsHttpHandler ToLoopback(int port) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    private static Task Ok(string head, NetworkStream stream, Socket socket, CancellationToken ct) =>
        stream.WriteAsync(RawHttpServer.Ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), ct).AsTask();

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpRequestMessage request, bool sync, CancellationToken cancel) =>
        sync ? await Task.Run(() => client.Send(request, cancel), cancel) : await client.SendAsync(request, cancel);

    private static async Task<ApiAuthException> Refused(HttpClient client, HttpRequestMessage request, bool sync, CancellationToken cancel)
    {
        Exception? e = await Record.ExceptionAsync(async () =>
        {
            using HttpResponseMessage response = await Send(client, request, sync, cancel);
        });
        return Assert.IsType<ApiAuthException>(e);
    }
}
