using System.Net;
using System.Runtime.CompilerServices;
using ApiAuth.Cli.Doctor;
using ApiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Cli.Emulate;

/// <summary>
/// <c>apiauth emulate</c>: serves <see cref="ProviderEmulator"/> on 127.0.0.1 and a port of the user's choice, by forwarding
/// each Kestrel request to the emulator's in-memory handler (so both answer exactly alike), and logs one line per request.
/// </summary>
internal static class EmulatorHost
{
    public static async Task<int> RunAsync(EmulateSettings settings, IDoctorEnvironment environment, TextWriter output, CancellationToken cancellationToken)
    {
        ProviderSetup setup = ProviderSetup.Find(settings.Provider == "openai-compatible" ? "openai" : settings.Provider) ?? ProviderSetup.OpenAI;
        var emulator = new ProviderEmulator(settings.Provider);
        var keys = settings.Keys.ToList();
        if (keys.Count == 0 && setup.KeyVariables.Select(environment.GetVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } fromEnvironment)
        {
            keys.Add(fromEnvironment.Trim());
        }

        foreach (string key in keys)
        {
            emulator.WithKey(key, k =>
            {
                if (settings.Organization is not null)
                {
                    k.Organization(settings.Organization);
                }

                if (settings.Project is not null)
                {
                    k.Project(settings.Project);
                }
            });
        }

        settings.RevokedKeys.ToList().ForEach(k => emulator.WithRevokedKey(k));
        settings.ExpiredKeys.ToList().ForEach(k => emulator.WithExpiredKey(k));
        settings.DisabledKeys.ToList().ForEach(k => emulator.WithDisabledAccountKey(k));
        if (settings.Fail is { } fail)
        {
            emulator.FailRequestsTo("/", fail);
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(IPAddress.Loopback, settings.Port);
        });

        WebApplication app = builder.Build();
        await using ConfiguredAsyncDisposable disposeApp = app.ConfigureAwait(false);
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());
        var gate = new object();
        app.Run(async context =>
        {
            await ForwardAsync(context, invoker, emulator.DefaultBaseAddress).ConfigureAwait(false);
            IReadOnlyList<EmulatedRequest> received = emulator.ReceivedRequests;
            EmulatedRequest? last = received.Count > 0 ? received[^1] : null;
            lock (gate)
            {
                output.WriteLine($"  {context.Request.Method} {context.Request.Path} → {context.Response.StatusCode}{(last?.Failure is { } f ? $" ({f})" : string.Empty)}");
                output.Flush();
            }
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"apiauth emulate: cannot listen on 127.0.0.1:{settings.Port}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        output.WriteLine($"Emulating {setup.Name} ({emulator.ProviderId}) at {address}");
        output.WriteLine(keys.Count == 0
            ? "  No valid key registered: every key is answered as invalid (use --key, or set " + setup.KeyVariables[^1] + ")."
            : "  Valid keys: " + string.Join(", ", keys.Select(k => ApiAuthDiagnostics.CheckKey(k, "generic").KeyHint)));
        if (settings.Fail is { } forced)
        {
            output.WriteLine($"  Every request is answered with: {forced}");
        }

        string export = environment.IsWindows ? "$env:{0} = \"{1}\"" : "export {0}={1}";
        string baseUrl = setup.Kind switch
        {
            BaseUrlKind.OpenAI => address + "/v1",
            BaseUrlKind.Azure => address + "/",
            _ => address,
        };
        output.WriteLine("Point a client (or `apiauth doctor --probe`) at it:");
        output.WriteLine("  " + string.Format(System.Globalization.CultureInfo.InvariantCulture, export, setup.BaseUrlVariable, baseUrl));
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task ForwardAsync(HttpContext context, HttpMessageInvoker invoker, Uri baseAddress)
    {
        HttpRequest incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(baseAddress, incoming.Path.ToUriComponent() + incoming.QueryString.ToUriComponent()));
        using var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (body.Length > 0 || incoming.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in incoming.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                request.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }

        using HttpResponseMessage response = await invoker.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
