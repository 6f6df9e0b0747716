namespace ApiAuth.Internal;

/// <summary>
/// The header shape learned from a client's requests (see <see cref="HeaderShape"/>): learned on the first request and then at
/// most once every 64 requests of another shape. It belongs to one settings snapshot and is dropped with it on reload.
/// </summary>
internal sealed class HeaderShapeCache
{
    private HeaderShape? _shape;
    private int _misses;

    /// <summary>Gets the header shape learned from this client's requests, if any.</summary>
    public HeaderShape? Shape => Volatile.Read(ref _shape);

    /// <summary>Counts a request whose shape did not match; true for the first and then every 64th, when the shape is learned anew.</summary>
    /// <returns><see langword="true"/> when the shape should be learned from this request.</returns>
    public bool ShouldLearn() => (Interlocked.Increment(ref _misses) & 63) == 1;

    /// <summary>Keeps a learned header shape.</summary>
    /// <param name="shape">The shape.</param>
    public void Learn(HeaderShape shape) => Volatile.Write(ref _shape, shape);
}
