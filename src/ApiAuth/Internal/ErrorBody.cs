namespace ApiAuth.Internal;

/// <summary>
/// The bounded prefix of an error body ApiAuth read to classify it, and the rest of the stream
/// (when there is more), so the response can be handed back with its body intact.
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

    /// <summary>Gets the buffer holding the prefix.</summary>
    public byte[] Buffer { get; }

    /// <summary>Gets how many bytes of <see cref="Buffer"/> hold the body.</summary>
    public int Length { get; }

    /// <summary>Gets the unread rest of the body, or <see langword="null"/> when the whole body was read.</summary>
    public Stream? Remainder { get; }

    /// <summary>Gets why the read stopped early (timeout, broken connection), if it did.</summary>
    public string? Problem { get; }

    /// <summary>Gets the bytes read.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>Creates content that replays the prefix, then the rest of the original stream, with the original headers.</summary>
    /// <param name="original">The content the prefix was read from.</param>
    /// <returns>The replacement content.</returns>
    public HttpContent ToContent(HttpContent original) => new ReplayContent(this, original);
}
