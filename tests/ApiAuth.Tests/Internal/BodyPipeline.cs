using System.Net;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// One factory client over a recording stub, with or without ApiAuth (the reference: the same pipeline without it),
/// optionally on a fake clock. Each request gets a fresh response from <c>respond</c>.
/// </summary>
public sealed class BodyPipeline : IDisposable
{
    private readonly ServiceProvider _services;

    public BodyPipeline(Func<HttpResponseMessage> respond, bool withApiAuth, Action<ApiAuthDiagnosticsOptions>? configure = null, TimeProvider? time = null)
    {
        Stub = new RecordingHandler(_ => respond());
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(Logs)));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        IHttpClientBuilder builder = services.AddHttpClient("body", c => c.BaseAddress = new Uri("https://api.openai.com/v1/"))
            .ConfigurePrimaryHttpMessageHandler(() => Stub);
        if (withApiAuth)
        {
            builder.AddApiAuthDiagnostics(o =>
            {
                o.Provider = "openai";
                configure?.Invoke(o);
            });
        }

        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IHttpClientFactory>().CreateClient("body");
    }

    public RecordingHandler Stub { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; } = new();

    /// <summary>Gets how many requests reached the terminal handler, on either door.</summary>
    public int Reached => Stub.SyncCalls + Stub.AsyncCalls;

    public static HttpResponseMessage Answer(HttpStatusCode status, Stream body, params string[] contentEncoding)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");
        foreach (string encoding in contentEncoding)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        return new HttpResponseMessage(status) { Content = content };
    }

    public Task<HttpResponseMessage> SendAsync(bool sync, HttpCompletionOption completion = HttpCompletionOption.ResponseHeadersRead, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent("{\"model\":\"gpt-4o\"}") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestKeys.OpenAIProject());
        return sync
            ? Task.Run(() => Client.Send(request, completion, cancellationToken), CancellationToken.None)
            : Client.SendAsync(request, completion, cancellationToken);
    }

    /// <summary>Reads a body on one door a few bytes at a time: the bytes before the first exception, and that exception.</summary>
    public static async Task<(byte[] Bytes, Exception? Error)> DrainAsync(HttpResponseMessage response, bool sync)
    {
        var bytes = new List<byte>();
        byte[] chunk = new byte[7];
        try
        {
            Stream stream = sync ? response.Content.ReadAsStream() : await response.Content.ReadAsStreamAsync();
            while (true)
            {
                int n = sync ? stream.Read(chunk, 0, chunk.Length) : await stream.ReadAsync(chunk);
                if (n == 0)
                {
                    return ([.. bytes], null);
                }

                bytes.AddRange(chunk.AsSpan(0, n));
            }
        }
        catch (Exception e)
        {
            return ([.. bytes], e);
        }
    }

    /// <summary>What a send did, in words comparable across pipelines: the exception chain's types and messages, or the status and body.</summary>
    public static async Task<string> OutcomeAsync(Func<Task<HttpResponseMessage>> send, bool sync)
    {
        try
        {
            using HttpResponseMessage response = await send();
            (byte[] bytes, Exception? error) = await DrainAsync(response, sync);
            return $"returned {(int)response.StatusCode}, body {Convert.ToHexString(bytes)}, then {Describe(error)}";
        }
        catch (Exception e)
        {
            return "threw " + Describe(e);
        }
    }

    public static string Describe(Exception? e)
    {
        var parts = new List<string>();
        for (; e is not null; e = e.InnerException)
        {
            parts.Add($"{e.GetType().FullName}: {e.Message}");
        }

        return parts.Count == 0 ? "the end" : string.Join(" <- ", parts);
    }

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }
}
