using System.Net;
using System.Net.Http.Headers;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>
/// A body of any length produced on demand (a prefix, then one filler byte repeated), so a 1 GiB
/// response costs no memory until someone reads it. The length is declared (Content-Length).
/// </summary>
internal sealed class GeneratedBodyContent : HttpContent
{
    public const long OneMiB = 1L << 20;

    public const long OneGiB = 1L << 30;

    private readonly long _length;
    private readonly byte[] _prefix;
    private readonly byte _filler;

    public GeneratedBodyContent(long length, byte[] prefix, byte filler, string mediaType)
    {
        _length = length;
        _prefix = prefix;
        _filler = filler;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        Headers.ContentLength = length;
    }

    /// <summary>Gets how many bytes were handed out by every stream of this content, to prove a reader stopped at its cap.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    private long _bytesRead;

    internal void Count(int n) => Interlocked.Add(ref _bytesRead, n);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        CreateStream().CopyToAsync(stream);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        CreateStream().CopyTo(stream);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(CreateStream());

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => CreateStream();

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    private GeneratedBodyStream CreateStream() => new(this, _length, _prefix, _filler);
}
