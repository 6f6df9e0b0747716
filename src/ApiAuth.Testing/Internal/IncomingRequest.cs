using System.Text;

namespace ApiAuth.Testing.Internal;

/// <summary>A transport-neutral request: what both the in-memory handler and the Kestrel server hand to the core.</summary>
internal sealed class IncomingRequest
{
    public IncomingRequest(string method, string path, string queryString, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Method = method.ToUpperInvariant();
        Path = path.Length == 0 ? "/" : path;
        QueryString = queryString;
        Query = QueryParser.Parse(queryString);
        Headers = headers;
        Body = body;
    }

    public string Method { get; }

    public string Path { get; }

    public string QueryString { get; }

    public IReadOnlyDictionary<string, string> Query { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public string BodyText() => Body.Length == 0 ? string.Empty : Encoding.UTF8.GetString(Body);
}
