using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 10 §3: only <see cref="ApiAuthException"/> (or the caller's own cancellation) leaves the handler for the bodies it
/// reads. A body that fails, blocks or times out comes back to the caller exactly as it would without ApiAuth (compared with
/// the same pipeline without it), unless ApiAuth has a 401 (or positive evidence) to classify. Both doors.
/// </summary>
public sealed class ErrorBodyFailureTests
{
    /// <summary>Not an auth failure on any reading: a validation error, cut off before its end.</summary>
    private const string NonAuthPrefix = "{\"error\":{\"message\":\"Unsupported value for 'temperature': must be between 0 and 2.\",\"type\":\"invalid_request_error\",\"code\":\"unsupported_value\"";

    private const string InvalidKeyPrefix = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"";

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    public static TheoryData<string, int, bool> Faults()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (string fault in Kinds)
        {
            foreach (int status in new[] { 400, 403 })
            {
                foreach (bool sync in new[] { false, true })
                {
                    data.Add(fault, status, sync);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, bool> FaultsBothDoors()
    {
        var data = new TheoryData<string, bool>();
        foreach (string fault in Kinds)
        {
            data.Add(fault, false);
            data.Add(fault, true);
        }

        return data;
    }

    private static readonly string[] Kinds =
    [
        "UnauthorizedAccess", "Timeout", "InvalidData", "IO", "HttpRequest", "NotSupported", "InvalidOperation", "OperationCanceled", "ObjectDisposed", "Custom",
    ];

    private static Exception Fault(string kind) => kind switch
    {
        "UnauthorizedAccess" => new UnauthorizedAccessException("body store denied"),
        "Timeout" => new TimeoutException("body read timed out in the stream"),
        "InvalidData" => new InvalidDataException("The archive entry was compressed using an unsupported compression method."),
        "IO" => new IOException("The response ended prematurely."),
        "HttpRequest" => new HttpRequestException("Error while copying content to a stream."),
        "NotSupported" => new NotSupportedException("no reads here"),
        "InvalidOperation" => new InvalidOperationException("The stream was already consumed."),
        "OperationCanceled" => new OperationCanceledException("a stream's own cancellation, not the caller's"),
        "ObjectDisposed" => new ObjectDisposedException("body"),
        _ => new BodyBoomException(),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Send_NonAuthBodyStreamThrows_HandsBackTheBodyAndTheSameFailureAsWithoutApiAuth_Issue10(string fault, int status, bool sync)
    {
        Func<HttpResponseMessage> respond = () => BodyPipeline.Answer((HttpStatusCode)status, new FaultingStream(Encoding.UTF8.GetBytes(NonAuthPrefix), () => Fault(fault)));
        using var bare = new BodyPipeline(respond, withApiAuth: false);
        using var withApiAuth = new BodyPipeline(respond, withApiAuth: true);

        using HttpResponseMessage expected = await bare.SendAsync(sync);
        using HttpResponseMessage actual = await withApiAuth.SendAsync(sync);
        (byte[] expectedBytes, Exception? expectedError) = await BodyPipeline.DrainAsync(expected, sync);
        (byte[] actualBytes, Exception? actualError) = await BodyPipeline.DrainAsync(actual, sync);

        Assert.Equal((HttpStatusCode)status, actual.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(NonAuthPrefix), expectedBytes);
        Assert.Equal(expectedBytes, actualBytes);
        Assert.NotNull(expectedError);
        Assert.Equal(BodyPipeline.Describe(expectedError), BodyPipeline.Describe(actualError));
        Assert.Equal(1, withApiAuth.Reached);
        Assert.Contains(withApiAuth.Logs.GetSnapshot(), r => r.Id.Id == 4);
    }

    [Theory]
    [MemberData(nameof(FaultsBothDoors))]
    public async Task Send_NonAuthBodyStreamThrows_ResponseContentRead_SameOutcomeAsWithoutApiAuth_Issue10(string fault, bool sync)
    {
        Func<HttpResponseMessage> respond = () => BodyPipeline.Answer(HttpStatusCode.BadRequest, new FaultingStream(Encoding.UTF8.GetBytes(NonAuthPrefix), () => Fault(fault)));
        using var bare = new BodyPipeline(respond, withApiAuth: false);
        using var withApiAuth = new BodyPipeline(respond, withApiAuth: true);

        string expected = await BodyPipeline.OutcomeAsync(() => bare.SendAsync(sync, HttpCompletionOption.ResponseContentRead), sync);
        string actual = await BodyPipeline.OutcomeAsync(() => withApiAuth.SendAsync(sync, HttpCompletionOption.ResponseContentRead), sync);

        Assert.StartsWith("threw ", expected, StringComparison.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(1, withApiAuth.Reached);
    }

    [Theory]
    [MemberData(nameof(FaultsBothDoors))]
    public async Task Send_401BodyStreamThrows_ClassifiedFromWhatWasRead_Issue10(string fault, bool sync)
    {
        FaultingStream? body = null;
        using var pipeline = new BodyPipeline(() => BodyPipeline.Answer(HttpStatusCode.Unauthorized, body = new FaultingStream(Encoding.UTF8.GetBytes(InvalidKeyPrefix), () => Fault(fault))), withApiAuth: true);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => pipeline.SendAsync(sync));

        Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
        Assert.True(e.Failure.RequestWasSent);
        Assert.True(body!.IsDisposed, "the failed body was not released");
        Assert.Equal(1, pipeline.Reached);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_BodyFailsToOpen_HandsBackTheSameFailureAsWithoutApiAuth_Issue10(bool sync)
    {
        Func<HttpResponseMessage> respond = () => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new UnopenableContent() };
        using var bare = new BodyPipeline(respond, withApiAuth: false);
        using var withApiAuth = new BodyPipeline(respond, withApiAuth: true);

        using HttpResponseMessage expected = await bare.SendAsync(sync);
        using HttpResponseMessage actual = await withApiAuth.SendAsync(sync);

        Assert.Equal(BodyPipeline.Describe((await BodyPipeline.DrainAsync(expected, sync)).Error), BodyPipeline.Describe((await BodyPipeline.DrainAsync(actual, sync)).Error));
        Assert.Equal(
            await BodyPipeline.OutcomeAsync(() => bare.SendAsync(sync, HttpCompletionOption.ResponseContentRead), sync),
            await BodyPipeline.OutcomeAsync(() => withApiAuth.SendAsync(sync, HttpCompletionOption.ResponseContentRead), sync));
    }

    [Theory]
    [InlineData(false, HttpCompletionOption.ResponseHeadersRead, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpCompletionOption.ResponseHeadersRead, HttpStatusCode.Unauthorized)]
    [InlineData(false, HttpCompletionOption.ResponseContentRead, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpCompletionOption.ResponseContentRead, HttpStatusCode.Unauthorized)]
    [InlineData(false, HttpCompletionOption.ResponseHeadersRead, HttpStatusCode.BadRequest)]
    [InlineData(true, HttpCompletionOption.ResponseHeadersRead, HttpStatusCode.BadRequest)]
    [InlineData(false, HttpCompletionOption.ResponseContentRead, HttpStatusCode.BadRequest)]
    [InlineData(true, HttpCompletionOption.ResponseContentRead, HttpStatusCode.BadRequest)]
    public async Task Send_CancelledWhileBodyBlocks_SameOutcomeAsWithoutApiAuth_Issue10(bool sync, HttpCompletionOption completion, HttpStatusCode status)
    {
        // Red-team finding: HttpClient.Timeout (or the caller's token) firing while ApiAuth read a slow error body threw,
        // where the pipeline without ApiAuth had already returned the response. Now the response is handed back
        // unclassified and whoever reads it next (the caller, or HttpClient's buffering) meets the token as without ApiAuth.
        byte[] whole = Encoding.UTF8.GetBytes(InvalidKeyPrefix + "}}");

        string bare = await RunAsync(withApiAuth: false);
        string withApiAuth = await RunAsync(withApiAuth: true);

        Assert.Equal(bare, withApiAuth);

        async Task<string> RunAsync(bool withApiAuth)
        {
            var body = new GatedStream(whole, releasedAtStart: 20);
            using var pipeline = new BodyPipeline(() => BodyPipeline.Answer(status, body), withApiAuth, o => o.ErrorBodyReadTimeout = TimeSpan.FromMinutes(10));
            using var cts = new CancellationTokenSource();
            Task<string> outcome = BodyPipeline.OutcomeAsync(() => pipeline.SendAsync(sync, completion, cts.Token), sync);
            await body.Waiting.WaitAsync(Generous, TestContext.Current.CancellationToken);
            cts.Cancel();
            await Task.Delay(100, TestContext.Current.CancellationToken);
            body.ReleaseAll();
            return await outcome.WaitAsync(Generous, TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_401BodyBlocksPastReadTimeout_ClassifiedWhenTheFakeClockReachesIt_Issue10(bool sync)
    {
        var time = new FakeTimeProvider();
        var body = new GatedStream(Encoding.UTF8.GetBytes(InvalidKeyPrefix + "}}"), releasedAtStart: InvalidKeyPrefix.Length);
        using var pipeline = new BodyPipeline(() => BodyPipeline.Answer(HttpStatusCode.Unauthorized, body), withApiAuth: true, o => o.ErrorBodyReadTimeout = TimeSpan.FromSeconds(5), time);

        Task<HttpResponseMessage> sending = pipeline.SendAsync(sync);
        await body.Waiting.WaitAsync(Generous, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(sending.IsCompleted, "the read gave up before its timeout");
        time.Advance(TimeSpan.FromSeconds(0.1));
        Exception? e = await Record.ExceptionAsync(() => sending.WaitAsync(Generous, TestContext.Current.CancellationToken));

        ApiAuthException failure = Assert.IsType<ApiAuthException>(e);
        Assert.Equal(AuthFailureCause.InvalidKey, failure.Failure.Cause);
        Assert.True(body.IsDisposed, "the blocked body was not released");
        Assert.Contains(pipeline.Logs.GetSnapshot(), r => r.Id.Id == 5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_NonAuthBodyBlocksPastReadTimeout_HandsBackTheWholeBodyOnceItArrives_Issue10(bool sync)
    {
        byte[] whole = Encoding.UTF8.GetBytes(NonAuthPrefix + ",\"param\":\"messages\"}}");
        var time = new FakeTimeProvider();
        var body = new GatedStream(whole, releasedAtStart: NonAuthPrefix.Length);
        using var pipeline = new BodyPipeline(() => BodyPipeline.Answer(HttpStatusCode.BadRequest, body), withApiAuth: true, o => o.ErrorBodyReadTimeout = TimeSpan.FromSeconds(5), time);

        Task<HttpResponseMessage> sending = pipeline.SendAsync(sync);
        await body.Waiting.WaitAsync(Generous, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(5));
        using HttpResponseMessage response = await sending.WaitAsync(Generous, TestContext.Current.CancellationToken);
        body.ReleaseAll();
        (byte[] bytes, Exception? error) = await BodyPipeline.DrainAsync(response, sync).WaitAsync(Generous, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(whole, bytes);
        Assert.False(body.IsDisposed);
    }

    /// <summary>
    /// Send from a thread whose single-threaded context is blocked (a UI thread calling a synchronous SDK method), with a body
    /// stream whose awaits capture the context: ApiAuth's waits must not depend on that thread, or every read times out.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task Send_OnABlockedSingleThreadedContext_ReadsTheBodyWithoutWaitingForTheContext_Issue10()
    {
        byte[] body = Encoding.UTF8.GetBytes(InvalidKeyPrefix + "}}");
        using var pipeline = new BodyPipeline(() => BodyPipeline.Answer(HttpStatusCode.Unauthorized, new ContextCapturingStream(body)), withApiAuth: true, o => o.ErrorBodyReadTimeout = TimeSpan.FromSeconds(3));
        var context = new NeverPumpedContext();
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestDoubles.TestKeys.OpenAIProject());
            outcome.SetResult(Record.Exception(() => pipeline.Client.Send(request)));
        });
        thread.Start();

        Exception? e = await outcome.Task.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(AuthFailureCause.InvalidKey, Assert.IsType<ApiAuthException>(e).Failure.Cause);
        Assert.Equal(0, context.Posted);
    }

    /// <summary>A context whose thread is blocked: whatever is posted to it never runs.</summary>
    private sealed class NeverPumpedContext : SynchronizationContext
    {
        private int _posted;

        public int Posted => Volatile.Read(ref _posted);

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posted);
    }

    /// <summary>A body whose asynchronous read yields and resumes on the captured context (no ConfigureAwait(false)).</summary>
    private sealed class ContextCapturingStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }
    }

    /// <summary>Nothing in ApiAuth catches this by name.</summary>
    private sealed class BodyBoomException() : Exception("the body went boom");

    /// <summary>Content whose stream cannot be opened (both doors, and when buffered).</summary>
    private sealed class UnopenableContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => throw new UnauthorizedAccessException("cannot open the body");

        protected override void SerializeToStream(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) => throw new UnauthorizedAccessException("cannot open the body");

        protected override Task<Stream> CreateContentReadStreamAsync() => throw new UnauthorizedAccessException("cannot open the body");

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => throw new UnauthorizedAccessException("cannot open the body");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
