using System.Net;
using System.Net.Http.Headers;

namespace ApiAuth.Internal;

/// <summary>
/// The body of a redirect hop to another origin that keeps it (307, 308): the caller's content, serialized by that content
/// itself (nothing buffered beyond what it does), under a copy of its headers without the credential carriers, cookies and
/// proxy credentials — .NET writes content headers on the wire like request headers. The caller's content is never changed,
/// and never disposed from here.
/// </summary>
internal sealed class RedirectHopContent : HttpContent
{
    private readonly HttpContent _inner;

    private RedirectHopContent(HttpContent inner, HttpHeadersNonValidated headers, HashSet<string> excluded)
    {
        _inner = inner;
        foreach (KeyValuePair<string, HeaderStringValues> header in headers)
        {
            if (!excluded.Contains(header.Key))
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
    }

    /// <summary>Gets the content for a cross-origin hop: the caller's own when no content header is in <paramref name="excluded"/>, else a filtered view of it.</summary>
    /// <param name="content">The caller's content.</param>
    /// <param name="excluded">The headers that never cross an origin.</param>
    /// <returns>The content to send.</returns>
    public static HttpContent For(HttpContent content, HashSet<string> excluded)
    {
        if (!CredentialLocator.MayCarry(content, out HttpHeadersNonValidated headers))
        {
            return content;
        }

        foreach (KeyValuePair<string, HeaderStringValues> header in headers)
        {
            if (excluded.Contains(header.Key))
            {
                return new RedirectHopContent(content, headers, excluded);
            }
        }

        return content;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream, context);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, context, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyTo(stream, context, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _inner.ReadAsStream(cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        // The caller's content computes its own length (the first hop already asked it, as the socket handler does).
        long? known = _inner.Headers.ContentLength;
        length = known.GetValueOrDefault();
        return known.HasValue;
    }
}
