namespace ApiAuth.Testing.Internal;

/// <summary>
/// A transport-neutral answer. Either <see cref="Body"/> (sent whole) or <see cref="Events"/>
/// (server-sent events, each written and flushed on its own).
/// </summary>
internal sealed class EmulatorResponse
{
    public EmulatorResponse(int statusCode, string contentType, byte[] body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
    }

    public EmulatorResponse(int statusCode, string contentType, IReadOnlyList<byte[]> events)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = [];
        Events = events;
    }

    public int StatusCode { get; }

    public string ContentType { get; }

    public byte[] Body { get; }

    public IReadOnlyList<byte[]>? Events { get; }

    public bool IsStreaming => Events is not null;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public EmulatedFailure? Failure { get; set; }

    public EmulatorResponse WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }
}
