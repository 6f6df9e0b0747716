using System.Runtime.ExceptionServices;

namespace ApiAuth.Internal;

/// <summary>
/// Reads at most a bounded prefix of a 400/401/403 body, within a time bound, honouring the caller's cancellation. Nothing but
/// the caller's own <see cref="OperationCanceledException"/> leaves it: what the body stream throws is kept, with the bytes
/// read before it, and replayed at the same point to whoever reads the response afterwards.
/// </summary>
/// <remarks>
/// Both doors do the same: every read is started as an asynchronous read without a token and waited for until the read
/// timeout or the caller's cancellation. The synchronous door blocks on that wait, so it honours both as tightly as the
/// asynchronous door, whatever the stream's synchronous <see cref="Stream.Read(byte[], int, int)"/> would do. A read still
/// in flight when the timeout ends the wait is not cancelled: it is handed back with the body, and completes for the caller
/// exactly as it would have without ApiAuth. Only the caller's cancellation aborts it (by disposing the stream).
/// </remarks>
internal static class ErrorBodyReader
{
    /// <summary>The first buffer when the length is not declared; it doubles up to the cap.</summary>
    internal const int InitialBufferBytes = 16 * 1024;

    private const string TimedOut = "the body did not arrive within the read timeout";

    private const string CancelledWhileReading = "the request was cancelled while the body was read (caller's token or HttpClient.Timeout); it was handed back unclassified";

    public static async ValueTask<ErrorBody> ReadAsync(HttpContent content, int maxBytes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Task<Stream> opening = Open(content);
        if (!opening.IsCompleted)
        {
            await ((Task)opening.WaitAsync(linked.Token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (OpenedOrGaveUp(opening, content, cancellationToken) is { } early)
        {
            return early;
        }

        var reading = new Reading(content, opening.Result, maxBytes);
        while (reading.Next() is { } step)
        {
            if (!step.IsCompleted)
            {
                await ((Task)step.WaitAsync(linked.Token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (reading.Completed(step, cancellationToken) is { } done)
            {
                return done;
            }
        }

        return reading.Full();
    }

    public static ErrorBody Read(HttpContent content, int maxBytes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // Reads are started on this thread and waited for here: a single-threaded context (a UI thread calling Send) must not
        // be captured by a stream's awaits, or their continuations would wait for the thread this method blocks.
        SynchronizationContext? context = SynchronizationContext.Current;
        if (context is null)
        {
            return ReadBlocking(content, maxBytes, timeout, time, cancellationToken);
        }

        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return ReadBlocking(content, maxBytes, timeout, time, cancellationToken);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private static ErrorBody ReadBlocking(HttpContent content, int maxBytes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Task<Stream> opening = Open(content);
        Wait(opening, linked.Token);
        if (OpenedOrGaveUp(opening, content, cancellationToken) is { } early)
        {
            return early;
        }

        var reading = new Reading(content, opening.Result, maxBytes);
        while (reading.Next() is { } step)
        {
            Wait(step, linked.Token);
            if (reading.Completed(step, cancellationToken) is { } done)
            {
                return done;
            }
        }

        return reading.Full();
    }

    /// <summary>Blocks until the task completes or the token fires; never throws.</summary>
    private static void Wait(Task task, CancellationToken token)
    {
        if (task.IsCompleted)
        {
            return;
        }

        try
        {
            task.Wait(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The timeout or the caller's cancellation: the caller of Wait looks at which.
        }
        catch (AggregateException)
        {
            // The task failed: the caller of Wait reads its exception.
        }
    }

    /// <summary>Starts opening the content's stream; never throws (a failure is a faulted task).</summary>
    private static Task<Stream> Open(HttpContent content)
    {
        try
        {
            return content.ReadAsStreamAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            return Task.FromException<Stream>(e);
        }
    }

    /// <summary>The body when opening the stream did not give one (failed, timed out), or <see langword="null"/> to read on.</summary>
    private static ErrorBody? OpenedOrGaveUp(Task<Stream> opening, HttpContent content, CancellationToken cancellationToken)
    {
        if (opening.IsCompletedSuccessfully)
        {
            return null;
        }

        if (!opening.IsCompleted || cancellationToken.IsCancellationRequested && !opening.IsCompletedSuccessfully)
        {
            // The content is still producing its stream (the read timeout, or the request was cancelled meanwhile): hand it
            // back untouched (it caches that stream for the caller), as the pipeline without ApiAuth would have returned it.
            Observe(opening);
            return new ErrorBody([], 0, null, cancellationToken.IsCancellationRequested ? CancelledWhileReading : TimedOut) { Untouched = true, Cancelled = cancellationToken.IsCancellationRequested };
        }

        Exception failure = Unwrap(opening);
        return new ErrorBody([], 0, null, Describe(failure)) { Failure = ExceptionDispatchInfo.Capture(failure), FailedToOpen = true };
    }

    /// <summary>Keeps an abandoned task's failure from surfacing as an unobserved exception.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>The exception a completed, unsuccessful task holds: the very one the stream threw (a cancellation included).</summary>
    private static Exception Unwrap(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            return e;
        }

        return new InvalidOperationException("The read did not fail.");
    }

    private static string Describe(Exception failure) => "the body stream failed (" + failure.GetType().Name + ")";

    /// <summary>The state of one bounded read: the growing buffer, how much arrived, the stream.</summary>
    private sealed class Reading
    {
        private readonly Stream _stream;
        private readonly int _cap;
        private byte[] _buffer;
        private int _read;

        public Reading(HttpContent content, Stream stream, int cap)
        {
            _stream = stream;
            _cap = cap;

            // A declared length sizes the buffer one byte past it, so the read that sees the end needs no second buffer.
            long? declared = content.Headers.ContentLength;
            _buffer = new byte[declared is { } length && length >= 0 && length < cap ? (int)length + 1 : Math.Min(cap, InitialBufferBytes)];
        }

        /// <summary>Starts the next read, or returns <see langword="null"/> when the cap is reached.</summary>
        public Task<int>? Next()
        {
            if (_read == _buffer.Length)
            {
                if (_buffer.Length >= _cap)
                {
                    return null;
                }

                Array.Resize(ref _buffer, (int)Math.Min(_cap, _buffer.Length * 2L));
            }

            try
            {
                ValueTask<int> read = _stream.ReadAsync(_buffer.AsMemory(_read), CancellationToken.None);
                return read.IsCompletedSuccessfully ? Task.FromResult(read.Result) : read.AsTask();
            }
            catch (Exception e)
            {
                return Task.FromException<int>(e);
            }
        }

        /// <summary>Takes a read's outcome: <see langword="null"/> to read on, or the finished body.</summary>
        public ErrorBody? Completed(Task<int> step, CancellationToken cancellationToken)
        {
            // The request's token fired while ApiAuth read: whatever this read brought, stop here and hand the body back
            // unclassified, so the outcome does not depend on whether the read or the cancellation was seen first.
            bool cancelled = cancellationToken.IsCancellationRequested;
            if (step.IsCompletedSuccessfully)
            {
                int n = step.Result;
                if (n == 0)
                {
                    return new ErrorBody(_buffer, _read, null, cancelled ? CancelledWhileReading : null) { Cancelled = cancelled };
                }

                if ((uint)n <= (uint)(_buffer.Length - _read))
                {
                    _read += n;
                    return cancelled ? new ErrorBody(_buffer, _read, _stream, CancelledWhileReading) { Cancelled = true } : null;
                }

                // A stream that claims more bytes than it was given room for: keep what is certain, replay the claim as a failure.
                var broken = new IOException("The body stream reported reading more bytes than it was asked for.");
                return new ErrorBody(_buffer, _read, _stream, Describe(broken)) { Failure = ExceptionDispatchInfo.Capture(broken) };
            }

            if (!step.IsCompleted)
            {
                // The read timeout, or the request's token (the caller's cancellation, HttpClient.Timeout) fired: stop waiting,
                // not reading. The read goes on and belongs to whoever reads the body next — without ApiAuth the response
                // would already be in the caller's hands, and its own read (or HttpClient's buffering, under the same token)
                // meets the cancellation exactly as it would have.
                Observe(step);
                return new ErrorBody(_buffer, _read, _stream, cancelled ? CancelledWhileReading : TimedOut) { Pending = step, Cancelled = cancelled };
            }

            Exception failure = Unwrap(step);
            return new ErrorBody(_buffer, _read, _stream, Describe(failure)) { Failure = ExceptionDispatchInfo.Capture(failure), Cancelled = cancelled };
        }

        /// <summary>The body when the cap was reached: the prefix, then the rest of the stream.</summary>
        public ErrorBody Full() => new(_buffer, _read, _stream, null);
    }
}
