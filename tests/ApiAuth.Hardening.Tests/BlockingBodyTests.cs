using System.Diagnostics;
using System.Net;
using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests;

/// <summary>
/// Issue 10 §3: a body that stalls after its head (a stream whose reads block until it is disposed, ignoring tokens, as a
/// synchronous socket read does). <c>ErrorBodyReadTimeout</c> and the caller's cancellation are honoured as tightly on
/// <c>Send</c> as on <c>SendAsync</c> (before the fix, Send took 3 s for a 1 s timeout and 2.5 s after a cancel at 0.5 s).
/// The stalled body never ends, so "promptly" only has to be told from "never": generous upper bounds that a loaded
/// two-core machine meets, lower bounds that a timer cannot undercut, and a test-level timeout so a regression fails
/// instead of hanging.
/// </summary>
public sealed class BlockingBodyTests
{
    private const string InvalidKeyHead = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"";

    private const string NonAuthHead = "{\"error\":{\"message\":\"Unsupported value for 'temperature': must be between 0 and 2.\",\"type\":\"invalid_request_error\"";

    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    private static (Pipeline Pipeline, Func<BlockingBodyStream?> Body, Func<int> Reached) Blocking(int status, string head, TimeSpan readTimeout)
    {
        BlockingBodyStream? body = null;
        int reached = 0;
        Pipeline pipeline = Pipeline.Create(
            o =>
            {
                o.Provider = "openai";
                o.ErrorBodyReadTimeout = readTimeout;
            },
            () => new ScriptedHandler((_, _) =>
            {
                Interlocked.Increment(ref reached);
                var content = new StreamContent(body = new BlockingBodyStream(Encoding.UTF8.GetBytes(head)));
                content.Headers.ContentType = new("application/json");
                return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
            }),
            name: $"blocking-{status}");
        return (pipeline, () => body, () => Volatile.Read(ref reached));
    }

    private static HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Keys.Shapes[0].Make(new Random(HardeningRun.Seed)));
        return request;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpRequestMessage request, bool sync, CancellationToken cancellationToken) => sync
        ? Task.Run(() => client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), CancellationToken.None)
        : client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stalled401_ReadTimeout_ClassifiesWhatArrivedPromptly_Issue10(bool sync)
    {
        (Pipeline pipeline, Func<BlockingBodyStream?> body, Func<int> reached) = Blocking(401, InvalidKeyHead, TimeSpan.FromSeconds(1));
        using (pipeline)
        {
            using HttpClient client = pipeline.CreateClient();
            using HttpRequestMessage request = Request();
            var clock = Stopwatch.StartNew();

            Exception? e = await Record.ExceptionAsync(() => Send(client, request, sync, CancellationToken.None).WaitAsync(TestContext.Current.CancellationToken));
            TimeSpan elapsed = clock.Elapsed;

            ApiAuthException failure = Assert.IsType<ApiAuthException>(e);
            Assert.Equal(AuthFailureCause.InvalidKey, failure.Failure.Cause);
            Assert.Equal(1, reached());
            Assert.True(body()!.IsDisposed, "the stalled body was not released");
            Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
            HardeningRun.Report($"stalled 401 body, 1 s read timeout ({(sync ? "Send" : "SendAsync")}): {failure.Failure.Cause} after {elapsed.TotalSeconds:F2} s");
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stalled400_ReadTimeout_HandsBackTheResponseWithItsHeadPromptly_Issue10(bool sync)
    {
        (Pipeline pipeline, Func<BlockingBodyStream?> body, Func<int> reached) = Blocking(400, NonAuthHead, TimeSpan.FromSeconds(1));
        using (pipeline)
        {
            using HttpClient client = pipeline.CreateClient();
            using HttpRequestMessage request = Request();
            var clock = Stopwatch.StartNew();

            HttpResponseMessage response = await Send(client, request, sync, CancellationToken.None).WaitAsync(TestContext.Current.CancellationToken);
            TimeSpan elapsed = clock.Elapsed;
            byte[] head = new byte[NonAuthHead.Length];
            Stream stream = sync ? response.Content.ReadAsStream(TestContext.Current.CancellationToken) : await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            if (sync)
            {
                stream.ReadExactly(head);
            }
            else
            {
                await stream.ReadExactlyAsync(head, TestContext.Current.CancellationToken);
            }

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(NonAuthHead, Encoding.UTF8.GetString(head));
            Assert.Equal(1, reached());
            Assert.False(body()!.IsDisposed, "ApiAuth closed a body it handed back");
            Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
            response.Dispose();
            Assert.True(body()!.IsDisposed, "disposing the response did not release the stalled body");
            HardeningRun.Report($"stalled 400 body, 1 s read timeout ({(sync ? "Send" : "SendAsync")}): handed back after {elapsed.TotalSeconds:F2} s");
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StalledBody_CallerCancels_ResponseHandedBackPromptlyAsWithoutApiAuth_Issue10(bool sync)
    {
        // Without ApiAuth a ResponseHeadersRead call returns at the headers; a cancellation while ApiAuth reads the error body
        // hands the response back unclassified at that moment (red-team finding: throwing lost the response), and the body
        // stays the caller's to read or dispose.
        (Pipeline pipeline, Func<BlockingBodyStream?> body, Func<int> reached) = Blocking(401, InvalidKeyHead, TimeSpan.FromMinutes(5));
        using (pipeline)
        {
            using HttpClient client = pipeline.CreateClient();
            using HttpRequestMessage request = Request();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(0.5));
            var clock = Stopwatch.StartNew();

            HttpResponseMessage response = await Send(client, request, sync, cts.Token).WaitAsync(TestContext.Current.CancellationToken);
            TimeSpan elapsed = clock.Elapsed;

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(1, reached());
            Assert.False(body()!.IsDisposed, "ApiAuth closed a body it handed back");
            Assert.InRange(elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(0.5) + Slack);
            response.Dispose();
            Assert.True(body()!.IsDisposed, "disposing the response did not release the stalled body");
            HardeningRun.Report($"stalled body, caller cancels at 0.5 s ({(sync ? "Send" : "SendAsync")}): response handed back after {elapsed.TotalSeconds:F2} s");
        }
    }
}
