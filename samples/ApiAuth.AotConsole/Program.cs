// ApiAuth under Native AOT: IHttpClientFactory, options bound from appsettings.json (source-generated binder),
// ValidateOnStart, [LoggerMessage] logging, the handler's repair/refuse/classify paths, all in a native binary.
// Runs offline: the ApiAuth.Testing emulator's in-memory handler is the client's primary handler (no socket).
// Exit code 0 when every scenario ends as expected, 1 otherwise.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApiAuth;
using ApiAuth.AotConsole;
using ApiAuth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

const string ClientName = "openai";                       // options: ApiAuth:Clients:openai in appsettings.json
const string KeyVariable = "APIAUTH_AOT_OPENAI_API_KEY";  // ApiAuth:Clients:openai:ApiKeyEnvironmentVariable
const string Organization = "org-aot-sample";             // ApiAuth:Clients:openai:Organization

string goodKey = TestKeys.OpenAI('a', "Aot1");
string revokedKey = TestKeys.OpenAI('r', "Rvk9");

// The key as a .env loader that keeps quotes and line endings hands it over: "sk-…"\r\n.
Environment.SetEnvironmentVariable(KeyVariable, "\"" + goodKey + "\"\r\n");

var emulator = new ProviderEmulator(EmulatedProvider.OpenAI)
    .WithKey(goodKey, k => k.Organization(Organization))
    .WithRevokedKey(revokedKey)
    .WithCompletionText("Hello from a native binary.");

HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders().AddProvider(new ConsoleLog());
builder.Services
    .AddHttpClient(ClientName, c => c.BaseAddress = new Uri(emulator.DefaultBaseAddress, "v1/"))
    .ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler)
    .AddApiAuthDiagnostics();

using IHost host = builder.Build();
await host.StartAsync(); // ValidateOnStart: the configured key is sanitized and checked here, before any request.
HttpClient http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

Console.WriteLine($"ApiAuth AOT console: the emulator answers in memory as {emulator.DefaultBaseAddress}");
Console.WriteLine();

int failed = 0;

// 1. No credential on the request: ApiAuth adds the configured key, unquoted and trimmed, and the organization.
Console.WriteLine("[1/3] Key from the environment, quoted and with a trailing CRLF (repaired)");
try
{
    string reply = await ChatAsync(http, authorization: null);
    EmulatedRequest seen = emulator.ReceivedRequests[^1];
    bool ok = seen.StatusCode == 200
        && seen.GetHeader("Authorization") == "Bearer " + goodKey
        && seen.GetHeader("OpenAI-Organization") == Organization;
    Line("outcome", $"HTTP {seen.StatusCode}, reply \"{reply}\" ({Verdict(ok)})");
    Line("sent", $"Authorization: Bearer {Mask(seen.GetHeader("Authorization"))}, OpenAI-Organization: {seen.GetHeader("OpenAI-Organization")}");
    failed += ok ? 0 : 1;
}
catch (Exception e)
{
    Line("outcome", $"{e.GetType().Name}: {e.Message} (FAIL)");
    failed++;
}

Console.WriteLine();
failed += await ExpectFailureAsync(
    "[2/3] Placeholder key left from a template (refused before sending)",
    "Bearer " + "YOUR_" + "OPENAI_API_KEY",
    AuthFailureCause.PlaceholderKey,
    expectSent: false);

Console.WriteLine();
failed += await ExpectFailureAsync(
    "[3/3] Revoked key (the server's 401 classified)",
    "Bearer " + revokedKey,
    AuthFailureCause.InvalidKey,
    expectSent: true);

await host.StopAsync();
Console.WriteLine();
Console.WriteLine($"{3 - failed} passed, {failed} failed");
return failed == 0 ? 0 : 1;

async Task<int> ExpectFailureAsync(string title, string authorization, AuthFailureCause expected, bool expectSent)
{
    Console.WriteLine(title);
    int before = emulator.ReceivedRequests.Count;
    try
    {
        string reply = await ChatAsync(http, authorization);
        Line("outcome", $"succeeded with \"{reply}\" (expected {expected}: FAIL)");
        return 1;
    }
    catch (Exception e) when (e.TryGetAuthFailure(out AuthFailure? failure))
    {
        int received = emulator.ReceivedRequests.Count - before;
        bool ok = failure.Cause == expected && failure.RequestWasSent == expectSent && received == (expectSent ? 1 : 0);
        Line("cause", $"{failure.Cause} (expected {expected}: {Verdict(ok)})");
        Line("fix", failure.Remediation);
        Line("sent", failure.StatusCode is { } status
            ? $"yes, HTTP {(int)status} {failure.ErrorCode}; the emulator received {received} request(s)"
            : $"no, refused before sending; the emulator received {received} request(s)");
        Line("key", failure.KeyHint ?? "(none)");
        Line("request id", failure.RequestId ?? "(none)");
        return ok ? 0 : 1;
    }
}

static async Task<string> ChatAsync(HttpClient http, string? authorization)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
    {
        Content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}]}""", Encoding.UTF8, "application/json"),
    };
    if (authorization is not null)
    {
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
    }

    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    using HttpResponseMessage response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();

    // JsonDocument, not a reflection-based serializer: nothing here needs runtime code generation.
    using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    return body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
}

static string Verdict(bool ok) => ok ? "PASS" : "FAIL";

static string Mask(string? header) =>
    header is { Length: > 20 } h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h[7..15] + "…" + h[^4..] : "(unexpected)";

static void Line(string label, string text) => Console.WriteLine($"  {label,-12}{text}");
