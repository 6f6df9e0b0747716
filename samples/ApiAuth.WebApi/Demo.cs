using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiAuth.Testing;

namespace ApiAuth.WebApi;

/// <summary>
/// Calls the running API once per scenario, prints each answer and checks it (and that no key leaked into it), and,
/// where a scenario says so, how many requests reached the OpenAI emulator: one, whatever the outcome (the resilience
/// handler does not retry an authentication failure).
/// </summary>
internal sealed class Demo(Uri address, IReadOnlyList<string> keys, ProviderEmulator upstream)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpClient _http = new() { BaseAddress = address };

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public static Func<HttpRequestMessage> Chat(string? callerKey = null) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat") { Content = JsonContent.Create(new { message = "Say hello." }) };
        if (callerKey is not null)
        {
            request.Headers.Add(OpenAIGateway.CallerKeyHeader, callerKey);
        }

        return request;
    };

    public async Task ExpectAsync(string title, Func<HttpRequestMessage> create, int expectedStatus, string expectedText, int? expectedUpstream = null)
    {
        int before = upstream.ReceivedRequests.Count;
        using HttpRequestMessage request = create();
        using HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        int sent = upstream.ReceivedRequests.Count - before;
        string compact = JsonNode.Parse(body)?.ToJsonString() ?? body;
        bool leaked = keys.Any(k => body.Contains(k, StringComparison.Ordinal));
        bool ok = (int)response.StatusCode == expectedStatus && compact.Contains(expectedText, StringComparison.Ordinal) && !leaked
            && (expectedUpstream is null || sent == expectedUpstream);

        Console.WriteLine($"{title}");
        Console.WriteLine($"  -> {(int)response.StatusCode} {response.StatusCode}, {response.Content.Headers.ContentType?.MediaType} (expected {expectedStatus}{(leaked ? ", and a key LEAKED into the body" : string.Empty)}: {(ok ? "PASS" : "FAIL")})");
        if (expectedUpstream is not null)
        {
            Console.WriteLine($"     requests sent to OpenAI: {sent} (expected {expectedUpstream})");
        }
        string pretty = JsonNode.Parse(body)?.ToJsonString(Indented) ?? body;
        foreach (string line in pretty.Split('\n'))
        {
            Console.WriteLine("     " + line.TrimEnd('\r'));
        }

        Console.WriteLine();
        if (ok)
        {
            Passed++;
        }
        else
        {
            Failed++;
        }
    }
}
