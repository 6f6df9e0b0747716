// ApiAuth quickstart: OpenAI's 401 checklist, one mistake at a time, against a local emulator.
// Runs offline with no key: every request goes to the ApiAuth.Testing emulator on 127.0.0.1.
// Exit code 0 when every scenario ends as expected, 1 otherwise (CI runs it).
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using ApiAuth;
using ApiAuth.Quickstart;
using ApiAuth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

const string ClientName = "openai";
const string Model = "gpt-4o-mini";
const string KeyOrganization = "org-quickstart";
const string KeyProject = "proj_quickstart";
// The variable the fix names (OpenAI's own): unset in this process only, so the missing-key scenarios see it unset.
const string KeyVariable = "OPENAI_API_KEY";

Environment.SetEnvironmentVariable(KeyVariable, null);
string goodKey = TestKeys.OpenAI('a', "Good");
string revokedKey = TestKeys.OpenAI('r', "Rvk9");
string anthropicKey = TestKeys.Anthropic('b', "Ant7");

var emulator = new ProviderEmulator(EmulatedProvider.OpenAI)
    .WithKey(goodKey, k => k.Organization(KeyOrganization).Project(KeyProject))
    .WithOrganization("org-another-team")
    .WithRevokedKey(revokedKey)
    .WithCompletionText("Hello from the emulator.");
await using EmulatorServer server = await emulator.StartServerAsync();
var endpoint = new Uri(server.BaseAddress, "v1/");

Scenario[] scenarios =
[
    new("Key missing: the environment variable was never loaded",
        $"HttpClient, \"Authorization: Bearer ${KeyVariable}\" with {KeyVariable} unset",
        AuthFailureCause.MissingKey,
#pragma warning disable APIAUTH003 // the scenario sends an unset variable on purpose: it is the mistake being diagnosed
        Run: http => PostChat(http, r => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Environment.GetEnvironmentVariable(KeyVariable)}"))),
#pragma warning restore APIAUTH003
    new("Key missing, caught at start-up: ApiKeyEnvironmentVariable + ValidateOnStart",
        $"ApiKeyEnvironmentVariable = \"{KeyVariable}\" with {KeyVariable} unset; the host's start-up validation",
        AuthFailureCause.MissingKey,
        Configure: o => o.ApiKeyEnvironmentVariable = KeyVariable,
        StartUp: true,
        Run: _ => Task.FromResult("started")),
    new("Trailing newline in the key (read from a file or a .env line)",
        "OpenAI SDK, key + \"\\n\"",
        Expected: null,
        Run: http => SdkChat(http, goodKey + "\n")),
    new("Missing \"Bearer \" prefix",
        "HttpClient, \"Authorization: <key>\"",
        Expected: null,
        Run: http => PostChat(http, r => r.Headers.TryAddWithoutValidation("Authorization", goodKey))),
    new("Wrong header name: the key in Azure's \"api-key\"",
        "HttpClient, \"api-key: <key>\"",
        Expected: null,
        Run: http => PostChat(http, r => r.Headers.TryAddWithoutValidation("api-key", goodKey))),
    new("Wrong header name, strict mode (repairs refused)",
        "HttpClient, \"api-key: <key>\", Strict = true",
        AuthFailureCause.WrongHeaderName,
        Configure: o => o.Strict = true,
        Run: http => PostChat(http, r => r.Headers.TryAddWithoutValidation("api-key", goodKey))),
    new("Placeholder key left from a template",
        "OpenAI SDK, key \"YOUR_OPENAI_API_KEY\"",
        AuthFailureCause.PlaceholderKey,
        Run: http => SdkChat(http, "YOUR_" + "OPENAI_API_KEY")),
    new("Key from another service (an Anthropic key)",
        "OpenAI SDK, key sk-ant-api03-…",
        AuthFailureCause.WrongProviderKey,
        Run: http => SdkChat(http, anthropicKey)),
    new("Incorrect or revoked key",
        "OpenAI SDK, a revoked key",
        AuthFailureCause.InvalidKey,
        Run: http => SdkChat(http, revokedKey)),
    new("Wrong organization",
        "OpenAI SDK, OrganizationId = org-another-team",
        AuthFailureCause.WrongOrganization,
        Run: http => SdkChat(http, goodKey, organization: "org-another-team")),
    new("Wrong project",
        "OpenAI SDK, ProjectId = proj_another",
        AuthFailureCause.WrongProject,
        Run: http => SdkChat(http, goodKey, project: "proj_another")),
];

Console.WriteLine($"ApiAuth quickstart: OpenAI's 401 checklist against the emulator at {server.BaseAddress}");
Console.WriteLine();

int passed = 0;
for (int i = 0; i < scenarios.Length; i++)
{
    if (await RunAsync(i + 1, scenarios[i]))
    {
        passed++;
    }
}

int failed = scenarios.Length - passed;
Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;

async Task<bool> RunAsync(int number, Scenario scenario)
{
    emulator.ClearReceivedRequests();
    using var sink = new LogSink();
    var services = new ServiceCollection();
    services.AddLogging(b => b.ClearProviders().AddProvider(sink));
    services.AddHttpClient(ClientName).AddApiAuthDiagnostics(o =>
    {
        o.Provider = "openai";
        scenario.Configure?.Invoke(o);
    });
    await using ServiceProvider provider = services.BuildServiceProvider();

    AuthFailure? failure = null;
    string? outcome = null;
    Exception? unexpected = null;
    if (scenario.StartUp)
    {
        // What IHost.StartAsync runs first: every option validator registered with ValidateOnStart.
        try
        {
            provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            bool named = e.Message.Contains($"{nameof(AuthFailureCause.MissingKey)}: the environment variable {KeyVariable}", StringComparison.Ordinal);
            Console.WriteLine($"[{number}/{scenarios.Length}] {scenario.Title}");
            Line("via", scenario.Via);
            Line("cause", $"{(named ? nameof(AuthFailureCause.MissingKey) : "other")}  (expected {scenario.Expected}: {(named ? "PASS" : "FAIL")})");
            Line("fix", string.Join(" ", e.Failures));
            Line("sent", "no, the app did not start; no client was created");
            Console.WriteLine();
            return named;
        }

        unexpected = new InvalidOperationException("Start-up validation passed with the variable unset.");
    }

    HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

    using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
    {
        try
        {
            outcome = await scenario.Run(http).WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e.TryGetAuthFailure(out AuthFailure? found))
        {
            failure = found;
        }
        catch (Exception e)
        {
            unexpected = e;
        }
    }

    int received = emulator.ReceivedRequests.Count;
    bool ok = unexpected is null && failure?.Cause == scenario.Expected;
    if (failure is not null)
    {
        ok &= failure.RequestWasSent == received > 0;
    }

    Console.WriteLine($"[{number}/{scenarios.Length}] {scenario.Title}");
    Line("via", scenario.Via);
    string expected = scenario.Expected?.ToString() ?? "success (repaired)";
    if (failure is not null)
    {
        Line("cause", $"{failure.Cause}  (expected {expected}: {(ok ? "PASS" : "FAIL")})");
        Line("fix", failure.Remediation);
        string status = failure.StatusCode is { } code ? $"yes, HTTP {(int)code} {failure.ErrorCode}".TrimEnd() : "no, refused before sending";
        Line("sent", $"{status}; the emulator received {received} request(s)");
        Line("key", failure.KeyHint ?? "(none)");
        Line("request id", failure.RequestId ?? "(none)");
    }
    else if (unexpected is not null)
    {
        Line("cause", $"no AuthFailure: {unexpected.GetType().Name}  (expected {expected}: FAIL)");
        Line("error", unexpected.Message);
    }
    else
    {
        Line("cause", $"none, the call succeeded  (expected {expected}: {(ok ? "PASS" : "FAIL")})");
        Line("reply", outcome ?? string.Empty);
        Line("sent", $"yes; the emulator received {received} request(s)");
    }

    // One line per distinct event: an event repeated (a retry, a second request) is counted, not printed again.
    foreach (IGrouping<string, string> repeated in sink.Drain().Where(m => !m.StartsWith("Error", StringComparison.Ordinal)).GroupBy(m => m, StringComparer.Ordinal))
    {
        int count = repeated.Count();
        Line("log", count == 1 ? repeated.Key : $"{repeated.Key} (logged {count} times)");
    }

    Console.WriteLine();
    return ok;
}

async Task<string> SdkChat(HttpClient http, string key, string? organization = null, string? project = null)
{
    var options = new OpenAIClientOptions
    {
        Endpoint = endpoint,
        Transport = new HttpClientPipelineTransport(http),
        OrganizationId = organization,
        ProjectId = project,
    };
    var chat = new ChatClient(Model, new ApiKeyCredential(key), options);
    ClientResult<ChatCompletion> result = await chat.CompleteChatAsync([new UserChatMessage("Say hello.")]);
    return result.Value.Content[0].Text;
}

async Task<string> PostChat(HttpClient http, Action<HttpRequestMessage> setCredential)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "chat/completions"))
    {
        Content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}]}""", Encoding.UTF8, "application/json"),
    };
    setCredential(request);
    using HttpResponseMessage response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    string body = await response.Content.ReadAsStringAsync();
    return $"HTTP {(int)response.StatusCode}, {body.Length} bytes of chat completion";
}

static void Line(string label, string text)
{
    const int Indent = 14;
    const int Width = 100;
    string prefix = "  " + label.PadRight(Indent - 2);
    var current = new StringBuilder(prefix);
    foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        if (current.Length > Indent && current.Length + 1 + word.Length > Width)
        {
            Console.WriteLine(current.ToString());
            current.Clear().Append(' ', Indent);
        }

        if (current.Length > Indent)
        {
            current.Append(' ');
        }

        current.Append(word);
    }

    Console.WriteLine(current.ToString());
}

internal sealed record Scenario(
    string Title,
    string Via,
    AuthFailureCause? Expected,
    Func<HttpClient, Task<string>> Run,
    Action<ApiAuthDiagnosticsOptions>? Configure = null,
    bool StartUp = false);
