// Microsoft.Extensions.AI's IChatClient over the OpenAI SDK, over an IHttpClientFactory client that has ApiAuth on it:
// a response, a streamed response, and a revoked key whose 401 comes back as a typed AuthFailure.
// Runs offline against the ApiAuth.Testing emulator on 127.0.0.1. Exit code 0 when all three end as expected.
using System.ClientModel;
using System.ClientModel.Primitives;
using ApiAuth;
using ApiAuth.ExtensionsAI;
using ApiAuth.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

const string ClientName = "openai";
const string Model = "gpt-4o-mini";
const string RevokedChat = "revoked";

string key = TestKeys.OpenAI('a', "Good");
string revokedKey = TestKeys.OpenAI('r', "Rvk9");

var emulator = new ProviderEmulator(EmulatedProvider.OpenAI)
    .WithKey(key)
    .WithRevokedKey(revokedKey)
    .WithCompletionText("Hello from the emulator, through IChatClient.");
await using EmulatorServer server = await emulator.StartServerAsync();
var endpoint = new Uri(server.BaseAddress, "v1/");

// The factory client with ApiAuth on it (Provider = "openai": 127.0.0.1 would otherwise get the generic profile),
// then an IChatClient over the OpenAI SDK's ChatClient over that HttpClient, registered the M.E.AI way.
var services = new ServiceCollection();
services.AddHttpClient(ClientName).AddApiAuthDiagnostics(o => o.Provider = "openai");
services.AddChatClient(sp => CreateChatClient(sp, key));
services.AddKeyedChatClient(RevokedChat, sp => CreateChatClient(sp, revokedKey));
await using ServiceProvider provider = services.BuildServiceProvider();

IChatClient CreateChatClient(IServiceProvider sp, string apiKey)
{
    HttpClient http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
    var options = new OpenAIClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http) };
    return new ChatClient(Model, new ApiKeyCredential(apiKey), options).AsIChatClient();
}

IChatClient chat = provider.GetRequiredService<IChatClient>();
Console.WriteLine($"Microsoft.Extensions.AI IChatClient ({chat.GetService<ChatClientMetadata>()?.ProviderName}) through ApiAuth, against the emulator at {server.BaseAddress}");
Console.WriteLine();
int failed = 0;

Console.WriteLine("[1/3] GetResponseAsync with a valid key");
try
{
    ChatResponse response = await chat.GetResponseAsync("Say hello.");
    bool ok = response.Text.Length > 0;
    Console.WriteLine($"  reply       \"{response.Text}\" (finish reason {response.FinishReason}: {(ok ? "PASS" : "FAIL")})");
    failed += ok ? 0 : 1;
}
catch (Exception e)
{
    Console.WriteLine($"  error       {e.GetType().Name}: {e.Message} (FAIL)");
    failed++;
}

Console.WriteLine();
Console.WriteLine("[2/3] GetStreamingResponseAsync with a valid key");
try
{
    var updates = new List<ChatResponseUpdate>();
    Console.Write("  stream      ");
    await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Say hello."))
    {
        updates.Add(update);
        if (update.Text.Length > 0)
        {
            Console.Write(update.Text + "|");
        }
    }

    ChatResponse response = updates.ToChatResponse();
    bool ok = response.Text.Length > 0;
    Console.WriteLine();
    Console.WriteLine($"  reply       \"{response.Text}\" ({updates.Count} updates: {(ok ? "PASS" : "FAIL")})");
    failed += ok ? 0 : 1;
}
catch (Exception e)
{
    Console.WriteLine();
    Console.WriteLine($"  error       {e.GetType().Name}: {e.Message} (FAIL)");
    failed++;
}

Console.WriteLine();
Console.WriteLine("[3/3] GetResponseAsync with a revoked key");
emulator.ClearReceivedRequests();
try
{
    ChatResponse response = await provider.GetRequiredKeyedService<IChatClient>(RevokedChat).GetResponseAsync("Say hello.");
    Console.WriteLine($"  reply       \"{response.Text}\" (expected InvalidKey: FAIL)");
    failed++;
}
catch (Exception e) when (e.TryGetAuthFailure(out AuthFailure? failure))
{
    // IChatClient passes the OpenAI SDK's exception through, and the SDK neither wraps nor retries ApiAuthException
    // (it is not an HttpRequestException): it arrives as is, after one request. TryGetAuthFailure finds it either way.
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
