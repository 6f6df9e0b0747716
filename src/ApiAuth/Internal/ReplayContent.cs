using System.Net;

namespace ApiAuth.Internal;

/// <summary>
/// Content that gives back an error body ApiAuth already read part of: the prefix from memory,
/// then the rest from the original stream. Headers are copied from the original content.
/// </summary>
internal sealed class ReplayContent : HttpContent
{
    private readonly ErrorBody _body;
    private readonly HttpContent _original;
    private readonly bool _originalKnowsLength;

    public ReplayContent(ErrorBody body, HttpContent original)
    {
        _body = body;
        _original = original;
        foreach (KeyValuePair<string, IEnumerable<string>> header in original.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        // Read after the copy: asking computes (and stores) the length on the original only, not on this copy's headers.
        _originalKnowsLength = original.Headers.ContentLength is not null;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_body.Buffer.AsMemory(0, _body.Length), cancellationToken).ConfigureAwait(false);
        if (_body.Remainder is { } rest)
        {
            await rest.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        stream.Write(_body.Buffer, 0, _body.Length);
        _body.Remainder?.CopyTo(stream);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateReadStream());

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => CreateReadStream();

    protected override bool TryComputeLength(out long length)
    {
        // Only where the original knew its length: a chunked network body has none, and a bare pipeline shows none.
        length = _body.Length;
        return _body.Remainder is null && _originalKnowsLength;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Remainder?.Dispose();
            _original.Dispose();
        }

        base.Dispose(disposing);
    }

    private Stream CreateReadStream()
    {
        var prefix = new MemoryStream(_body.Buffer, 0, _body.Length, writable: false);
        return _body.Remainder is null ? prefix : new ConcatenatedStream(prefix, _body.Remainder);
    }
}
