using System.Net;
using System.Net.Http.Headers;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// The locator on the success path: looking every carrier up (to keep CR/LF off the wire) must not allocate. Measured as the
/// difference between the same factory pipeline with and without ApiAuth, over the synchronous door, per request. (It found
/// that <c>ContainsAnyExceptInRange</c> on a char span allocates 96 B per call on .NET 10: the organization check no longer uses it.)
/// </summary>
public sealed class SuccessPathAllocationTests
{
    private static readonly string Key = TestKeys.OpenAIProject(131);

    /// <summary>A self-hosted server's key: no cloud provider's format, so plain http on the user's own network is allowed.</summary>
    private static readonly string LocalKey = "sk-" + TestKeys.Body(24, 137);

    public static TheoryData<string> Shapes() => new() { "raw", "org and project", "org only", "org at gateway", "sdk headers", "sdk headers and a gateway key", "gateway x-api-key", "typed default", "own network", "json body", "json body, length read", "bytes body" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Send_Success_AllocatesNothingOverThePipelineWithoutApiAuth_Issue11(string shape)
    {
        long without = BytesPerRequest(shape, withApiAuth: false);
        long with = BytesPerRequest(shape, withApiAuth: true);

        Assert.True(with <= without, $"{shape}: {with} B per request with ApiAuth, {without} B without");
    }

    private static long BytesPerRequest(string shape, bool withApiAuth)
    {
        using var terminal = new CachedOk();
        var services = new ServiceCollection();
        string baseAddress = shape switch
        {
            "gateway x-api-key" or "org at gateway" => "https://llm-gateway.corp.example/v1/",
            "own network" => "http://vllm:8000/v1/",
            _ => "https://api.openai.com/v1/",
        };
        IHttpClientBuilder builder = services.AddHttpClient("c", c =>
        {
            c.BaseAddress = new Uri(baseAddress);
            if (shape == "typed default")
            {
                c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            }
        }).ConfigurePrimaryHttpMessageHandler(() => terminal).RemoveAllLoggers();
        if (withApiAuth)
        {
            builder.AddApiAuthDiagnostics();
        }

        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
        var uri = new Uri(new Uri(baseAddress), "chat/completions");
        for (int i = 0; i < 50; i++)
        {
            Send(client, uri, shape);
        }

        const int Requests = 200;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Requests; i++)
        {
            Send(client, uri, shape);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Requests;
    }

    private static void Send(HttpClient client, Uri uri, string shape)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        HttpRequestHeaders headers = request.Headers;
        switch (shape)
        {
            case "raw":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                break;
            case "own network":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + LocalKey);
                break;
            case "org and project":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                headers.TryAddWithoutValidation("OpenAI-Organization", "org-abc123");
                headers.TryAddWithoutValidation("OpenAI-Project", "proj_abc123");
                break;
            case "org only":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                headers.TryAddWithoutValidation("OpenAI-Organization", "org-abc123");
                break;
            case "org at gateway":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                headers.TryAddWithoutValidation("OpenAI-Organization", "org-abc123");
                break;
            case "sdk headers":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                headers.TryAddWithoutValidation("User-Agent", "OpenAI/2.1.0 (.NET 10)");
                headers.TryAddWithoutValidation("x-stainless-os", "Linux");
                headers.TryAddWithoutValidation("OpenAI-Beta", "assistants=v2");
                break;
            case "sdk headers and a gateway key":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                headers.TryAddWithoutValidation("User-Agent", "OpenAI/2.1.0 (.NET 10)");
                headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", "0123456789abcdef0123456789abcdef");
                break;
            case "gateway x-api-key":
                headers.TryAddWithoutValidation("x-api-key", Key);
                break;
            case "json body":
                // StringContent and JsonContent: one content header (Content-Type), told apart without a scan.
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                break;
            case "json body, length read":
                // A handler above (logging, resilience) asked for the length: Content-Type and Content-Length.
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                _ = request.Content.Headers.ContentLength;
                break;
            case "bytes body":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                request.Content = new ByteArrayContent([1, 2]);
                break;
        }

        // The terminal's cached response is shared: it is not disposed here.
        HttpResponseMessage response = client.Send(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Answers every request with the same 200 (never disposed by the loop), so the terminal allocates nothing per request
    /// beyond what the socket handler does with a request: it reads the content's length before writing the headers.
    /// </summary>
    private sealed class CachedOk : HttpMessageHandler
    {
        private readonly HttpResponseMessage _response = new(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _ = request.Content?.Headers.ContentLength;
            return _response;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _ = request.Content?.Headers.ContentLength;
            return Task.FromResult(_response);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
