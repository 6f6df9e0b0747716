using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>
/// One Kestrel server on 127.0.0.1 with two random ports: two origins. <c>/r/{case}/{code}/{where}</c> answers the redirect
/// <c>{code}</c> to <c>/l/{case}</c> on the same port (<c>where = same</c>) or on the other one (<c>where = other</c>);
/// <c>where = reflect</c> sends the request's own query on to the other port; <c>/l/{case}</c> answers 200, or the status its <c>status</c> query asks for. Every request is recorded per case with its
/// port, method, path, query and every header, so one server serves many cases at once.
/// </summary>
public sealed class RedirectServers : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedRequest>> _received = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public int OriginPort { get; private set; }

    public int OtherPort { get; private set; }

    public Uri Origin => new($"http://127.0.0.1:{OriginPort}/");

    /// <summary>Gets a fresh case id.</summary>
    public static string NewCase() => Guid.NewGuid().ToString("N");

    /// <summary>Gets the address that answers <paramref name="code"/> to the landing page of <paramref name="caseId"/>.</summary>
    public Uri Start(string caseId, int code, bool crossOrigin, int landingStatus = 200) =>
        new(Origin, $"r/{caseId}/{code}/{(crossOrigin ? "other" : "same")}?status={landingStatus}&v=1");

    /// <summary>Gets what the origin received for the case.</summary>
    public IReadOnlyList<ReceivedRequest> AtOrigin(string caseId) => Received(caseId).Where(r => r.Port == OriginPort).ToList();

    /// <summary>Gets what the other origin received for the case.</summary>
    public IReadOnlyList<ReceivedRequest> AtOther(string caseId) => Received(caseId).Where(r => r.Port == OtherPort).ToList();

    public IReadOnlyList<ReceivedRequest> Received(string caseId) =>
        _received.TryGetValue(caseId, out ConcurrentQueue<ReceivedRequest>? queue) ? [.. queue] : [];

    public async ValueTask InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0);
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        int[] ports = [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port)];
        OriginPort = ports[0];
        OtherPort = ports[1];
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string[] parts = request.Path.Value!.Trim('/').Split('/');
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in request.Headers)
        {
            foreach (string? value in header.Value)
            {
                headers.Add(new(header.Key, value ?? string.Empty));
            }
        }

        if (parts.Length < 2)
        {
            context.Response.StatusCode = 404;
            return;
        }

        string caseId = parts[1];
        _received.GetOrAdd(caseId, static _ => new()).Enqueue(new ReceivedRequest(
            context.Connection.LocalPort, request.Method, request.Path.Value!, request.QueryString.Value ?? string.Empty, headers, (int)body.Length));

        string status = request.Query["status"].ToString() is { Length: > 0 } s ? s : "200";
        if (parts[0] == "r" && parts.Length == 4)
        {
            context.Response.StatusCode = int.Parse(parts[2], CultureInfo.InvariantCulture);
            context.Response.Headers.Location = parts[3] switch
            {
                "other" => $"http://127.0.0.1:{OtherPort}/l/{caseId}?status={status}&landed=1",

                // A server that copies the request's query into Location, and adds a token of its own for the target.
                "reflect" => $"http://127.0.0.1:{OtherPort}/l/{caseId}{request.QueryString.Value}&token=minted-by-server",
                // Two hops: first within the origin, then to the other one.
                "chain" => $"/r/{caseId}/{parts[2]}/other?status={status}",
                _ => $"/l/{caseId}?status={status}&landed=1",
            };
            return;
        }

        context.Response.StatusCode = int.Parse(status, CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}", context.RequestAborted);
    }
}
