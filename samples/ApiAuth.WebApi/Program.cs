// ApiAuth in an ASP.NET Core minimal API: a typed client with the standard resilience handler and ApiAuth, options
// from appsettings.json (ApiAuth:Clients:OpenAIGateway, the key read from an environment variable), a credential health
// check, and an exception handler that turns ApiAuthException into a ProblemDetails response.
// Runs offline: the ApiAuth.Testing emulator on 127.0.0.1 stands in for OpenAI. Without arguments it starts on a random
// loopback port, calls its own endpoints once, prints what they answered and stops (exit code 0 when every answer is
// as expected). With --serve it keeps running afterwards (add --urls http://127.0.0.1:5080 for a fixed port).
using ApiAuth.Testing;
using ApiAuth.WebApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

const string KeyVariable = "APIAUTH_WEBAPI_OPENAI_API_KEY";   // ApiAuth:Clients:OpenAIGateway:ApiKeyEnvironmentVariable
const string Organization = "org-webapi-sample";              // ApiAuth:Clients:OpenAIGateway:Organization
bool serve = args.Contains("--serve");

// Demo set-up: the service's key in the environment, as a deployment sets it, and a local OpenAI emulator.
string serviceKey = TestKeys.OpenAI('s', "Svc1");
string callersRevokedKey = TestKeys.OpenAI('r', "Rvk9");
Environment.SetEnvironmentVariable(KeyVariable, serviceKey);
var emulator = new ProviderEmulator(EmulatedProvider.OpenAI)
    .WithKey(serviceKey, k => k.Organization(Organization))
    .WithRevokedKey(callersRevokedKey)
    .WithCompletionText("Hello from the emulator, via the web API.");
await using EmulatorServer openAI = await emulator.StartServerAsync();

WebApplicationBuilder builder = WebApplication.CreateBuilder(args.Where(a => a != "--serve").ToArray());
builder.Configuration["OpenAI:Endpoint"] = new Uri(openAI.BaseAddress, "v1/").ToString(); // demo: the emulator, not api.openai.com
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
}

builder.Services.AddOptions<OpenAIGatewayOptions>().BindConfiguration(OpenAIGatewayOptions.SectionName);
IHttpClientBuilder gateway = builder.Services
    .AddHttpClient<OpenAIGateway>((sp, client) => client.BaseAddress = sp.GetRequiredService<IOptions<OpenAIGatewayOptions>>().Value.Endpoint);
// Retries network faults, timeouts, 429 and 5xx with back-off. An authentication failure is none of them: ApiAuthException
// is not an HttpRequestException, so it reaches the exception handler after one request, with no back-off.
gateway.AddStandardResilienceHandler();
gateway.AddApiAuthDiagnostics(); // options bind from ApiAuth:Clients:OpenAIGateway and are validated at start
builder.Services.AddHealthChecks().AddApiAuthHealthCheck(nameof(OpenAIGateway), o =>
{
    o.ProbePath = "models";                      // GET /v1/models: authenticated, spends no tokens
    o.CacheDuration = TimeSpan.FromSeconds(30);
});
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiAuthExceptionHandler>();

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.MapPost("/chat", (ChatRequest chat, HttpRequest request, OpenAIGateway gateway, CancellationToken cancellationToken) =>
    gateway.ChatAsync(chat.Message, request.Headers[OpenAIGateway.CallerKeyHeader].FirstOrDefault(), cancellationToken));
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });

await app.StartAsync();
var address = new Uri(app.Urls.First());
Console.WriteLine($"ApiAuth web API sample listening on {address} (OpenAI emulator at {openAI.BaseAddress})");
Console.WriteLine();

var demo = new Demo(address, [serviceKey, callersRevokedKey], emulator);
await demo.ExpectAsync("POST /chat with the service's key", Demo.Chat(), expectedStatus: 200, expectedText: "\"reply\"", expectedUpstream: 1);
await demo.ExpectAsync($"POST /chat with a caller's revoked key in {OpenAIGateway.CallerKeyHeader}", Demo.Chat(callersRevokedKey), expectedStatus: 401, expectedText: "\"cause\":\"InvalidKey\"", expectedUpstream: 1);
emulator.RevokeKey(serviceKey); // someone revokes the service's key in the OpenAI dashboard
await demo.ExpectAsync("POST /chat after the service's key was revoked", Demo.Chat(), expectedStatus: 502, expectedText: "\"cause\":\"InvalidKey\"", expectedUpstream: 1);
await demo.ExpectAsync("GET /health", () => new HttpRequestMessage(HttpMethod.Get, "health"), expectedStatus: 503, expectedText: "\"cause\":\"InvalidKey\"");
Console.WriteLine($"{demo.Passed} passed, {demo.Failed} failed");

if (serve)
{
    emulator.WithKey(serviceKey, k => k.Organization(Organization)); // restore the key for manual use
    Console.WriteLine();
    Console.WriteLine($"Serving on {address} (Ctrl+C to stop). The next request after a key fix is sent as usual; /health follows within 30 s.");
    Console.WriteLine($"  curl -s {address}chat -H 'Content-Type: application/json' -d '{{\"message\":\"Hi\"}}'");
    Console.WriteLine($"  curl -s {address}chat -H 'Content-Type: application/json' -H '{OpenAIGateway.CallerKeyHeader}: YOUR_OPENAI_API_KEY' -d '{{\"message\":\"Hi\"}}'");
    Console.WriteLine($"  curl -s {address}health");
    await app.WaitForShutdownAsync();
}
else
{
    await app.StopAsync();
}

await app.DisposeAsync();
return demo.Failed == 0 ? 0 : 1;
