using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 11, section 4: a server echoes the key in every form servers and pages really use (zero-width characters, soft
/// hyphens, fullwidth, HTML entities, repeated percent- and backslash-encoding, split by tags, spaces or line breaks), in every
/// place a failure reads from (message, code, request id, challenge, HTML title and body), for keys of every shape
/// (OpenAI, Anthropic, Gemini, punctuation, 5 characters, <c>$</c>-prefixed). Through the real handler on both doors,
/// nothing ApiAuth outputs — <see cref="AuthFailure"/> properties, exception message and <c>ToString()</c>, logs, metric tags,
/// activity events and tags — shows the key or any 8 characters of its secret part, judged by <see cref="LeakScan"/>.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class RedactionEchoTests
{
    private const string SourceName = "ApiAuth.Tests.RedactionEcho";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Where a server puts the echo: the response, and a phrase of the server's own text that must survive redaction.</summary>
    private static readonly (string Name, Func<string, HttpResponseMessage> Respond, Func<AuthFailure, string?> Kept, string? Phrase)[] Placements =
    [
        ("JSON message", e => Respond(Json("{\"error\":{\"message\":" + JsonSerializer.Serialize("Incorrect API key provided: " + e + ". Check your key.") + ",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")), f => f.ServerMessage, "Incorrect API key provided: "),
        ("JSON message, non-ASCII unescaped", e => Respond(Json("{\"error\":{\"message\":\"Incorrect API key provided: " + e.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + ". Check your key.\"}}")), f => f.ServerMessage, ". Check your key."),
        ("plain text", e => Respond(Text("Invalid API key: " + e + " (rejected)", "text/plain; charset=utf-8")), f => f.ServerMessage, "Invalid API key: "),
        ("HTML body", e => Respond(Text("<html><body><h2 class=\"x\">Forbidden</h2><p>Invalid API key: <code>" + e + "</code> was rejected.</p></body></html>", "text/html")), f => f.ServerMessage, null),
        ("HTML title", e => Respond(Text("<html><head><title>401 " + e + " rejected</title></head><body>no</body></html>", "text/html")), f => f.ServerMessage, "401 "),
        ("error code", e => Respond(Json("{\"error\":{\"message\":\"bad credentials\",\"code\":" + JsonSerializer.Serialize(e) + "}}")), f => f.ServerMessage, "bad credentials"),
        ("request id header", e => Respond(Json("{\"error\":{\"message\":\"bad credentials\",\"code\":\"invalid_api_key\"}}"), ("x-request-id", e)), f => f.ServerMessage, "bad credentials"),
        ("WWW-Authenticate", e => Respond(Json("{}"), ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"token " + e.Replace("\"", "'", StringComparison.Ordinal) + " expired\"")), f => f.ServerMessage, "expired"),
    ];

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (EchoKeyShape shape in EchoKeyShape.All)
        {
            foreach (EchoForm form in EchoForm.All)
            {
                data.Add(shape.Name, form.Name, false);
                data.Add(shape.Name, form.Name, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Send_ServerEchoesKeyInForm_NoOutputShowsIt_Issue11(string shapeName, string formName, bool sync)
    {
        EchoKeyShape shape = EchoKeyShape.Named(shapeName);
        string echo = EchoForm.Named(formName).Apply(shape.Key);

        // The judge sees the key in the raw echo: the assertions below can fail.
        Assert.NotNull(LeakScan.FindLeak(shape.Key, shape.PublicPrefix, [("the server's echo", echo)]));

        using var telemetry = new TelemetryCapture(SourceName);
        foreach ((string placement, Func<string, HttpResponseMessage> respond, Func<AuthFailure, string?> kept, string? phrase) in Placements)
        {
            var stub = new RecordingHandler(_ => respond(echo));
            using var client = new TestClient(stub, o => o.Provider = shape.Provider, shape.BaseAddress);
            using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent("{}") };
            shape.Place(request);
            telemetry.Clear();

            ApiAuthException e;
            using (Activity? activity = Source.StartActivity("echo"))
            {
                e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));
                telemetry.Add(activity);
            }

            Assert.True(e.Failure.RequestWasSent, $"{placement}: the key was refused before sending ({e.Failure.Cause}), so no echo was tested");
            Assert.Equal(HttpStatusCode.Unauthorized, e.Failure.StatusCode);
            string? leak = LeakScan.FindLeak(shape.Key, shape.PublicPrefix, Outputs(e, client, telemetry));
            Assert.True(leak is null, $"{placement}: {leak}");

            // The server's own words around the echo are kept: the span of the echo is redacted, not the message.
            // (A header cannot hold a line break: that echo never reaches the challenge.)
            bool inHeader = placement is "WWW-Authenticate" or "request id header";
            if (phrase is not null && !(inHeader && echo.Contains('\n', StringComparison.Ordinal)))
            {
                Assert.True(kept(e.Failure)?.Contains(phrase, StringComparison.Ordinal) == true, $"{placement}: '{phrase}' is not in '{kept(e.Failure)}'");
            }
        }

        Assert.True(telemetry.Measurements > 0, "no ApiAuth metric was recorded: the metric channel was not searched");
        Assert.True(telemetry.Events > 0, "no ApiAuth activity event was recorded: the trace channel was not searched");
    }

    private static IEnumerable<(string Where, string? Text)> Outputs(ApiAuthException e, TestClient client, TelemetryCapture telemetry)
    {
        AuthFailure f = e.Failure;
        yield return ("ServerMessage", f.ServerMessage);
        yield return ("ErrorCode", f.ErrorCode);
        yield return ("RequestId", f.RequestId);
        yield return ("Remediation", f.Remediation);
        yield return ("KeyHint", f.KeyHint);
        yield return ("Host", f.Host);
        yield return ("AuthFailure.ToString()", f.ToString());
        yield return ("exception Message", e.Message);
        yield return ("exception ToString()", e.ToString());
        foreach (System.Collections.DictionaryEntry entry in e.Data)
        {
            yield return ("exception Data", entry.Key + "=" + entry.Value);
        }

        yield return ("logs", client.AllLogText());
        foreach ((string where, string text) in telemetry.Texts())
        {
            yield return (where, text);
        }
    }

    private static (string Body, string Type) Json(string body) => (body, "application/json");

    private static (string Body, string Type) Text(string body, string type) => (body, type);

    private static HttpResponseMessage Respond((string Body, string Type) content, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(content.Body, Encoding.UTF8) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", content.Type);
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
