namespace ApiAuth.Internal;

/// <summary>
/// Step 6a: reads at most a bounded prefix of a 400/401/403 body, within a time bound, honouring
/// the caller's cancellation. A broken or slow body is never an exception: the classifier gets what arrived.
/// </summary>
internal static class ErrorBodyReader
{
    public static async ValueTask<ErrorBody> ReadAsync(HttpContent content, int maxBytes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[BufferSize(content, maxBytes)];
        int read = 0;
        string? problem = null;
        Stream? stream = null;
        using var timeoutCts = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            stream = await content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            while (read < buffer.Length)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(read), linked.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return Done(buffer, read, stream, ended: true, problem);
                }

                read += n;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = "the body did not arrive within the read timeout";
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            problem = "the connection failed while the body was read";
        }

        return Done(buffer, read, stream, ended: problem is not null || IsComplete(content, read), problem);
    }

    public static ErrorBody Read(HttpContent content, int maxBytes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[BufferSize(content, maxBytes)];
        int read = 0;
        string? problem = null;
        Stream? stream = null;
        using var timeoutCts = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            stream = content.ReadAsStream(linked.Token);

            // A synchronous read cannot observe a token: closing the stream is what unblocks it.
            using CancellationTokenRegistration registration = linked.Token.Register(static s => ((Stream)s!).Dispose(), stream);
            while (read < buffer.Length)
            {
                int n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    return Done(buffer, read, stream, ended: true, problem);
                }

                read += n;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or InvalidOperationException or NotSupportedException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            problem = timeoutCts.IsCancellationRequested ? "the body did not arrive within the read timeout" : "the connection failed while the body was read";
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Done(buffer, read, stream, ended: problem is not null || IsComplete(content, read), problem);
    }

    private static int BufferSize(HttpContent content, int maxBytes) =>
        content.Headers.ContentLength is { } length && length >= 0 && length < maxBytes ? (int)length : maxBytes;

    private static bool IsComplete(HttpContent content, int read) =>
        content.Headers.ContentLength is { } length && length == read;

    private static ErrorBody Done(byte[] buffer, int read, Stream? stream, bool ended, string? problem)
    {
        if (ended)
        {
            stream?.Dispose();
            return new ErrorBody(buffer, read, null, problem);
        }

        return new ErrorBody(buffer, read, stream, problem);
    }
}
