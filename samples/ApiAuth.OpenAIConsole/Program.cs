// The official OpenAI SDK over an IHttpClientFactory client that has ApiAuth on it:
// a chat completion, a streamed one, and a revoked key whose 401 comes back as a typed AuthFailure.
// Runs offline against the ApiAuth.Testing emulator on 127.0.0.1. Exit code 0 when all three end as expected.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using ApiAuth;
using ApiAuth.OpenAIConsole;
using ApiAuth.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

const string ClientName = "openai";
const string Model = "gpt-4o-mini";

string key = TestKeys.OpenAI('a', "Good");
string revokedKey = TestKeys.OpenAI('r', "Rvk9");

var emulator = new ProviderEmulator(EmulatedProvider.OpenAI)
    .WithKey(key)
    .WithRevokedKey(revokedKey)
    .WithCompletionText("Hello from the emulator, streamed word by word.");
await using EmulatorServer server = await emulator.StartServerAsync();

// 1. Register the client once, with ApiAuth on it. Provider = "openai": the emulator's host (127.0.0.1)
//    would otherwise get the generic profile; against api.openai.com the host alone is enough.
var services = new ServiceCollection();
services.AddHttpClient(ClientName).AddApiAuthDiagnostics(o => o.Provider = "openai");
await using ServiceProvider provider = services.BuildServiceProvider();
HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

// 2. Hand that HttpClient to the SDK: every request it sends, streamed or not, goes through ApiAuth.
ChatClient CreateChatClient(string apiKey) => new(Model, new ApiKeyCredential(apiKey), new OpenAIClientOptions
{
    Endpoint = new Uri(server.BaseAddress, "v1/"),
    Transport = new HttpClientPipelineTransport(http),
});

Console.WriteLine($"OpenAI SDK ChatClient through ApiAuth, against the emulator at {server.BaseAddress}");
Console.WriteLine();
int failed = 0;

Console.WriteLine("[1/3] CompleteChatAsync with a valid key");
try
{
    ChatCompletion completion = await CreateChatClient(key).CompleteChatAsync([new UserChatMessage("Say hello.")]);
    bool ok = completion.Content[0].Text.Length > 0;
    Console.WriteLine($"  reply       \"{completion.Content[0].Text}\" (finish reason {completion.FinishReason}: {(ok ? "PASS" : "FAIL")})");
    failed += ok ? 0 : 1;
}
catch (Exception e)
{
    Console.WriteLine($"  error       {e.GetType().Name}: {e.Message} (FAIL)");
    failed++;
}

Console.WriteLine();
Console.WriteLine("[2/3] CompleteChatStreamingAsync with a valid key");
try
{
    var text = new StringBuilder();
    int updates = 0;
    Console.Write("  stream      ");
    await foreach (StreamingChatCompletionUpdate update in CreateChatClient(key).CompleteChatStreamingAsync([new UserChatMessage("Say hello.")]))
    {
        updates++;
        foreach (ChatMessageContentPart part in update.ContentUpdate.Where(p => p.Text.Length > 0))
        {
            Console.Write(part.Text + "|");
            text.Append(part.Text);
        }
    }

    bool ok = text.Length > 0;
    Console.WriteLine();
    Console.WriteLine($"  reply       \"{text}\" ({updates} updates: {(ok ? "PASS" : "FAIL")})");
    failed += ok ? 0 : 1;
}
catch (Exception e)
{
    Console.WriteLine();
    Console.WriteLine($"  error       {e.GetType().Name}: {e.Message} (FAIL)");
    failed++;
}

Console.WriteLine();
Console.WriteLine("[3/3] CompleteChatAsync with a revoked key");
emulator.ClearReceivedRequests();
try
{
    ChatCompletion completion = await CreateChatClient(revokedKey).CompleteChatAsync([new UserChatMessage("Say hello.")]);
    Console.WriteLine($"  reply       \"{completion.Content[0].Text}\" (expected InvalidKey: FAIL)");
    failed++;
}
catch (Exception e) when (e.TryGetAuthFailure(out AuthFailure? failure))
{
    // ApiAuthException is not an HttpRequestException, so the SDK's transport does not wrap it and its retry policy
    // does not retry it: it arrives as is, after one request. TryGetAuthFailure would also look through any wrapper.
    int received = emulator.ReceivedRequests.Count;
    bool ok = failure.Cause == AuthFailureCause.InvalidKey && received == 1;
    Console.WriteLine($"  caught      {e.GetType().FullName}");
    Console.WriteLine($"  cause       {failure.Cause}: {failure.Description} ({(ok ? "PASS" : "FAIL")})");
    Console.WriteLine($"  fix         {failure.Remediation}");
    Console.WriteLine($"  details     HTTP {(int?)failure.StatusCode} {failure.ErrorCode}, key {failure.KeyHint}, request id {failure.RequestId}");
    Console.WriteLine($"  sent        the emulator received {received} request(s): the SDK did not retry the auth failure");
    failed += ok ? 0 : 1;
}

Console.WriteLine();
Console.WriteLine($"{3 - failed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
