using System.Net;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// One known key pushed through every path — each refusal, each repair, each server failure, a server that echoes
/// the key whole, in part, URL-encoded and JSON-escaped, and (issue 11) split by zero-width spaces, tags or spaces, as
/// HTML entities or double percent-encoded — must appear in no log line, structured log state, exception message,
/// ToString() or AuthFailure property, as written or as a reader decodes it (<see cref="LeakScan"/>).
/// </summary>
public sealed class SecretLeakTests
{
    private static readonly string Key = TestKeys.OpenAIProject(1234);

    private static IEnumerable<Func<TestClient>> Scenarios()
    {
        string invalid = "{\"error\":{\"message\":\"Incorrect API key provided: " + Key + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        string partial = "{\"error\":{\"message\":\"key " + Key[10..60] + " is wrong\",\"code\":\"invalid_api_key\"}}";
        string encoded = "{\"error\":{\"message\":\"bad key " + Uri.EscapeDataString(Key) + "\"}}";
        string escaped = "{\"error\":{\"message\":\"bad key " + string.Concat(Key.Select(c => $"\\u{(int)c:x4}")) + "\"}}";
        string org = "{\"error\":{\"message\":\"OpenAI-Organization header should match organization for API key " + Key + "\",\"code\":\"mismatched_organization\"}}";
        string scopes = "{\"error\":{\"message\":\"You have insufficient permissions for this operation. Missing scopes: model.request. Key: " + Key + "\"}}";
        string text = "Unauthorized: " + Key;
        string html = "<html><head><title>401 " + Key + "</title></head></html>";

        // Issue 11, section 4: the forms servers and pages really use.
        string zeroWidth = "{\"error\":{\"message\":\"key " + string.Join("\u200b", Key.Chunk(3).Select(c => new string(c))) + "\",\"code\":\"invalid_api_key\"}}";
        string entities = "<html><body><p>Invalid key " + string.Concat(Key.Select(c => $"&#x{(int)c:x};")) + "</p></body></html>";
        string tags = "<html><body><p>Invalid key " + string.Join("<b></b>", Key.Chunk(5).Select(c => new string(c))) + "</p></body></html>";
        string doublePercent = "Unauthorized: " + string.Concat(Key.Select(c => $"%25{(int)c:X2}"));
        string spacedCode = "{\"error\":{\"message\":\"bad credentials\",\"code\":\"" + string.Join(' ', Key.Chunk(4).Select(c => new string(c))) + "\"}}";
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, invalid);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, partial);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, encoded);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, escaped);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, org);
        yield return () => TestClient.OpenAI(HttpStatusCode.Forbidden, scopes);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, text);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, html);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, zeroWidth);
        yield return () => new TestClient(RecordingHandler.Answering(HttpStatusCode.Unauthorized, entities, "text/html"));
        yield return () => new TestClient(RecordingHandler.Answering(HttpStatusCode.Unauthorized, tags, "text/html"));
        yield return () => new TestClient(RecordingHandler.Answering(HttpStatusCode.Unauthorized, doublePercent, "text/plain"));
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, spacedCode);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, invalid, o => o.ThrowOnFailure = false);
        yield return () => TestClient.OpenAI(HttpStatusCode.Unauthorized, "{}", headers: ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"token " + Key + " expired\""));
    }

    private static IEnumerable<string> AuthorizationVariants()
    {
        yield return "Bearer " + Key;
        yield return "Bearer " + Key + "\n";
        yield return Key;
        yield return "Bearer Bearer \"" + Key + "\"";
        yield return "Bearer " + Key + Key;
        yield return "Bearer " + Key[..30] + "\u2013" + Key[31..];
        yield return "Bearer " + Key + "\r\nX-Evil: 1";
        yield return "Token " + Key;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_KnownKeyThroughEveryPath_AppearsNowhere(bool sync)
    {
        int paths = 0;
        foreach (Func<TestClient> scenario in Scenarios())
        {
            foreach (string authorization in AuthorizationVariants())
            {
                using TestClient client = scenario();
                var outputs = new List<string?>();
                try
                {
                    using HttpResponseMessage response = await client.PostAsync(sync, authorization, ("OpenAI-Organization", "org-abc"));
                    if (response.TryGetAuthFailure(out AuthFailure? returned))
                    {
                        outputs.AddRange(Texts(returned));
                    }
                }
                catch (ApiAuthException e)
                {
                    outputs.Add(e.Message);
                    outputs.Add(e.ToString());
                    outputs.AddRange(Texts(e.Failure));
                }

                outputs.Add(client.AllLogText());
                foreach (string? output in outputs)
                {
                    AssertNoLeak(output);
                }

                paths++;
            }
        }

        // Refusal, repair and server paths: also the key in the wrong header and supplied through options.
        foreach (string header in new[] { "api-key", "x-api-key" })
        {
            using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Incorrect API key provided: " + Key + "\",\"code\":\"invalid_api_key\"}}");
            ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, null, (header, Key + " ")));
            AssertNoLeak(e.ToString());
            AssertNoLeak(client.AllLogText());
            paths++;
        }

        Assert.Equal((Scenarios().Count() * AuthorizationVariants().Count()) + 2, paths);
    }

    [Fact]
    public void AuthFailure_KeyHint_ShowsAtMostPrefixAndLastFour()
    {
        string hint = ApiAuth.Internal.KeyHint.For(Key);

        Assert.Equal("sk-proj-\u2026" + Key[^4..], hint);
        Assert.Equal("sk-ant-api03-\u2026" + TestKeys.Anthropic()[^4..], ApiAuth.Internal.KeyHint.For(TestKeys.Anthropic()));
        Assert.Equal("\u2026" + TestKeys.Azure()[^4..], ApiAuth.Internal.KeyHint.For(TestKeys.Azure()));
        Assert.Equal("(9 characters)", ApiAuth.Internal.KeyHint.For("short-key"));
    }

    private static IEnumerable<string?> Texts(AuthFailure failure) =>
        [failure.ToString(), failure.Remediation, failure.ServerMessage, failure.KeyHint, failure.ErrorCode, failure.RequestId, failure.Host, failure.Description];

    private static void AssertNoLeak(string? text)
    {
        if (text is null)
        {
            return;
        }

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Null(LeakScan.FindLeak(Key, "sk-proj-", [("output", text)]));

        // No run of the key longer than the hint shows (its public prefix, then at most the last 4 characters).
        for (int i = "sk-proj-".Length; i + 8 <= Key.Length - 4; i++)
        {
            Assert.DoesNotContain(Key.Substring(i, 8), text, StringComparison.Ordinal);
        }
    }
}
