using System.Net;
using ApiAuth.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Testing;

/// <summary>
/// A <see cref="ProviderEmulator"/> served by Kestrel on a random loopback port, for tests that need a real socket
/// (real SDK clients, <c>IHttpClientFactory</c> pipelines, proxies). Start one with <see cref="ProviderEmulator.StartServerAsync(CancellationToken)"/>.
/// </summary>
/// <remarks>It answers exactly what the emulator's in-memory handler answers: both call the same core.</remarks>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private EmulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the server's root address, for example <c>http://127.0.0.1:54321/</c>.</summary>
    /// <remarks>Provider routes are under it as on the real service: <c>v1/chat/completions</c>, <c>openai/deployments/…</c>, <c>v1beta/models/…</c>.</remarks>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Creates an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is <see cref="BaseAddress"/>.
    /// </summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>
    /// Stops accepting requests and waits for the ones in flight. Calling it again does nothing.
    /// </summary>
    /// <param name="cancellationToken">Cancels the graceful wait; the server then stops at once.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server and releases its resources.</summary>
    /// <returns>A task that completes when the server is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal static async Task<EmulatorServer> StartAsync(ProviderEmulator emulator, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
        });
        // The emulator is configured in code only: no appsettings.json or environment variable of the test
        // project (a Kestrel endpoint section, ASPNETCORE_URLS) may add endpoints or change behaviour.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        app.Run(context => HandleAsync(emulator, context));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task HandleAsync(ProviderEmulator emulator, HttpContext context)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, aborted).ConfigureAwait(false);

        var headers = HeaderBag.Create();
        foreach (var (name, values) in request.Headers)
        {
            HeaderBag.Add(headers, name, values.Select(v => v ?? string.Empty));
        }

        var incoming = new IncomingRequest(
            request.Method,
            request.PathBase.Add(request.Path).Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            headers,
            buffer.ToArray());

        var answer = emulator.Process(incoming);
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentType = answer.ContentType;
        if (answer.Events is { } events)
        {
            foreach (var item in events)
            {
                await response.Body.WriteAsync(item, aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }

            return;
        }

        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, aborted).ConfigureAwait(false);
    }
}
