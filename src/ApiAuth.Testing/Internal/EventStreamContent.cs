using System.Net;

namespace ApiAuth.Testing.Internal;

/// <summary>Response content for server-sent events: no length, written and flushed event by event, read event by event.</summary>
internal sealed class EventStreamContent : HttpContent
{
    private readonly IReadOnlyList<byte[]> _events;

    public EventStreamContent(IReadOnlyList<byte[]> events) => _events = events;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var item in _events)
        {
            await stream.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var item in _events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(item);
            stream.Flush();
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new EventChunkStream(_events));

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => CreateContentReadStreamAsync();

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new EventChunkStream(_events);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
