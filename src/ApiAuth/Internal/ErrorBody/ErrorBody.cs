using System.Runtime.ExceptionServices;

namespace ApiAuth.Internal;

/// <summary>
/// What ApiAuth read of a 400/401/403 body to classify it, and everything needed to hand the body back as the caller would
/// have received it without ApiAuth: the prefix, then a read still in flight (when the read timeout ended the wait), then
/// the failure the stream raised (when it failed) or the rest of the stream.
/// </summary>
internal sealed class ErrorBody
{
    public ErrorBody(byte[] buffer, int length, Stream? remainder, string? problem)
    {
        Buffer = buffer;
        Length = length;
        Remainder = remainder;
        Problem = problem;
    }

    /// <summary>Gets the buffer holding the prefix (and, once it completes, what <see cref="Pending"/> read after it).</summary>
    public byte[] Buffer { get; }

    /// <summary>Gets how many bytes of <see cref="Buffer"/> hold the body.</summary>
    public int Length { get; }

    /// <summary>Gets the stream the body was read from, or <see langword="null"/> when its end was reached.</summary>
    public Stream? Remainder { get; }

    /// <summary>Gets why the read stopped early (timeout, a failing stream), in words safe to log, if it did.</summary>
    public string? Problem { get; }

    /// <summary>
    /// Gets a read into <see cref="Buffer"/> at <see cref="Length"/> that had not completed when the read timeout ended the
    /// wait, or <see langword="null"/>. It was started without a token, so it completes exactly as the caller's read would have.
    /// </summary>
    public Task<int>? Pending { get; init; }

    /// <summary>Gets what the body stream threw after <see cref="Length"/> bytes, or <see langword="null"/>.</summary>
    public ExceptionDispatchInfo? Failure { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Failure"/> came from opening the stream rather than from reading it.</summary>
    public bool FailedToOpen { get; init; }

    /// <summary>
    /// Gets a value indicating whether nothing was read because the content had not produced its stream within the read
    /// timeout: the original content is handed back as it is.
    /// </summary>
    public bool Untouched { get; init; }

    /// <summary>
    /// Gets a value indicating whether the request's cancellation token fired before the body was read: the response is
    /// handed back unclassified, as the pipeline without ApiAuth had already handed it to the caller.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>Gets the bytes read.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>Gets a value indicating whether the bytes read are the whole body (the stream's end was reached, nothing failed).</summary>
    public bool IsWhole => Remainder is null && Failure is null && Pending is null;

    /// <summary>Creates content that replays the body as it came, with the original headers.</summary>
    /// <param name="original">The content the prefix was read from.</param>
    /// <returns>The replacement content.</returns>
    public HttpContent ToContent(HttpContent original) => Untouched ? original : new ReplayContent(this, original);
}
