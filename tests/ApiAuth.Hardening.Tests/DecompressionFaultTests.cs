using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests;

/// <summary>
/// Issue 10 §3 on a real loopback socket: a real <see cref="SocketsHttpHandler"/> with <c>AutomaticDecompression = All</c>
/// meets a 400/401/403 whose <c>Content-Encoding</c> body is not what the header claims (garbage, plain text, truncated).
/// The reference is the same pipeline without ApiAuth: for a 400/403 ApiAuth hands back the same outcome (the response and
/// the decoder's own exception at the same byte, or the same exception from HttpClient when it buffers); a 401 is an
/// <see cref="ApiAuthException"/> (status 401 is evidence). Nothing else leaves ApiAuth. Both doors, both completion options.
/// </summary>
public sealed class DecompressionFaultTests
{
    private const string NonAuthJson = "{\"error\":{\"message\":\"Unsupported value for 'temperature': must be between 0 and 2.\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_value\"}}";

    private static int _cases;

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (string encoding in new[] { "gzip", "deflate", "br" })
        {
            foreach (string body in new[] { "garbage", "plain", "truncated" })
            {
                data.Add(encoding, body, false);
                data.Add(encoding, body, true);
            }
        }

        return data;
    }

    private static byte[] Body(string encoding, string kind) => kind switch
    {
        "garbage" => HostileCases.RandomBytes(new Random(HardeningRun.Seed), 700),
        "plain" => Encoding.UTF8.GetBytes(NonAuthJson),
        _ => HostileCases.Encode(Encoding.UTF8.GetBytes(NonAuthJson + new string(' ', 4000) + NonAuthJson), [encoding])[..40],
    };

    private static RawHttpServer Serve(int status, string encoding, byte[] body) => new(async (_, stream, _, ct) =>
    {
        await stream.WriteAsync(RawHttpServer.Ascii($"HTTP/1.1 {status} Error\r\nContent-Type: application/json\r\nContent-Encoding: {encoding}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), ct);
        await stream.WriteAsync(body, ct);
        await stream.FlushAsync(ct);
    });

    private static Func<HttpMessageHandler> Decompressing => () => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All };

    private static async Task<string> OutcomeAsync(Pipeline pipeline, Uri address, bool sync, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using HttpClient client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "v1/models"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + "sk-" + "proj-" + Keys.Random(new Random(HardeningRun.Seed), "abcdefghijKLMNOP0123456789", 48));
        try
        {
            using HttpResponseMessage response = sync
                ? await Task.Run(() => client.Send(request, completion, cancellationToken), cancellationToken)
                : await client.SendAsync(request, completion, cancellationToken);
            (byte[] bytes, Exception? error) = await CaseRunner.DrainAsync(response.Content, sync);
            return $"returned {(int)response.StatusCode}, {bytes.Length} bytes {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 64)))}, then {Describe(error)}";
        }
        catch (ApiAuthException e)
        {
            return $"ApiAuthException {e.Failure.Cause}, sent {e.Failure.RequestWasSent}, status {(int?)e.Failure.StatusCode}";
        }
        catch (Exception e)
        {
            return "threw " + Describe(e);
        }
    }

    private static string Describe(Exception? e)
    {
        var parts = new List<string>();
        for (; e is not null; e = e.InnerException)
        {
            parts.Add($"{e.GetType().FullName}: {e.Message}");
        }

        return parts.Count == 0 ? "the end" : string.Join(" <- ", parts);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task BadlyEncodedErrorBody_AutomaticDecompression_SameOutcomeAsWithoutApiAuth_Issue10(string encoding, string kind, bool sync)
    {
        byte[] body = Body(encoding, kind);
        using Pipeline withApiAuth = Pipeline.Create(o => o.Provider = "openai", Decompressing, name: "decompressing");
        using Pipeline bare = Pipeline.CreateWithoutApiAuth(Decompressing, name: "decompressing-bare");
        var seen = new List<string>();
        foreach (int status in new[] { 400, 403, 401 })
        {
            foreach (HttpCompletionOption completion in new[] { HttpCompletionOption.ResponseHeadersRead, HttpCompletionOption.ResponseContentRead })
            {
                await using RawHttpServer server = Serve(status, encoding, body);
                string expected = await OutcomeAsync(bare, server.BaseAddress, sync, completion, TestContext.Current.CancellationToken);
                string actual = await OutcomeAsync(withApiAuth, server.BaseAddress, sync, completion, TestContext.Current.CancellationToken);

                Assert.Equal(2, server.Requests.Count);
                if (status == 401)
                {
                    Assert.StartsWith("ApiAuthException ", actual, StringComparison.Ordinal);
                    Assert.Contains("sent True, status 401", actual, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(expected, actual);
                }

                seen.Add($"{status}/{completion}: {(status == 401 ? "bare " + expected + " / ApiAuth " + actual : actual)}");
            }
        }

        // A body that is not the encoding at all makes the decoder throw (the class of issue 10); a truncated one may just end.
        if (kind != "truncated")
        {
            Assert.Contains(seen, s => s.Contains("threw System.", StringComparison.Ordinal) || s.Contains("then System.", StringComparison.Ordinal));
        }
        HardeningRun.Report($"bad {encoding} body ({kind}) over a socket with AutomaticDecompression #{Interlocked.Increment(ref _cases)} ({(sync ? "Send" : "SendAsync")}): {string.Join("; ", seen)}");
    }
}
