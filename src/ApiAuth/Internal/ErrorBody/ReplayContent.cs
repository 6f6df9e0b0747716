using System.Net;
using System.Net.Http.Headers;

namespace ApiAuth.Internal;

/// <summary>
/// Content that gives back an error body ApiAuth already read part of, as the original content would have given it:
/// through <see cref="ReplayStream"/>, whichever way it is read. Headers are copied from the original content.
/// </summary>
internal sealed class ReplayContent : HttpContent
{
    private readonly ErrorBody _body;
    private readonly HttpContent _original;
    private readonly bool _originalKnowsLength;
    private ReplayStream? _stream;

    public ReplayContent(ErrorBody body, HttpContent original)
    {
        _body = body;
        _original = original;
        // The raw values, as the server wrote them: enumerating the typed store would parse and re-format them
        // ("application/json;charset=UTF-8" would come back as "application/json; charset=UTF-8").
        foreach (KeyValuePair<string, HeaderStringValues> header in original.Headers.NonValidated)
        {
            foreach (string value in header.Value)
            {
                Headers.TryAddWithoutValidation(header.Key, value);
            }
        }

        // Read after the copy: asking computes (and stores) the length on the original only, not on this copy's headers.
        _originalKnowsLength = original.Headers.ContentLength is not null;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        Body().CopyToAsync(stream, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        Body().CopyTo(stream);

    protected override Task<Stream> CreateContentReadStreamAsync() => BodyAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => BodyAsync();

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => Body();

    protected override bool TryComputeLength(out long length)
    {
        // Only where the original knew its length: a chunked network body has none, and a bare pipeline shows none.
        length = _body.Length;
        return _body.IsWhole && _originalKnowsLength;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream?.Dispose();
            _body.Remainder?.Dispose();
            _original.Dispose();
        }

        base.Dispose(disposing);
    }

    private Task<Stream> BodyAsync() =>
        _body.FailedToOpen ? Task.FromException<Stream>(_body.Failure!.SourceException) : Task.FromResult<Stream>(Body());

    /// <summary>The one replay of the body; a failure to open the original stream surfaces where the original's would have.</summary>
    private ReplayStream Body()
    {
        if (_body.FailedToOpen)
        {
            _body.Failure!.Throw();
        }

        return _stream ??= new ReplayStream(_body);
    }
}
