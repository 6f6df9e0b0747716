using System.Net;

namespace ApiAuth;

/// <summary>
/// An error response kept for later — pasted from a log, saved by a support script — for
/// <see cref="ApiAuthDiagnostics.ClassifyResponse"/> to classify as the handler would have.
/// </summary>
public sealed class SavedResponse
{
    /// <summary>Gets the response status.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>Gets the response body as text.</summary>
    public required string Body { get; init; }

    /// <summary>Gets the media type (<c>application/json</c>), if known.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets response headers that help (request id, <c>WWW-Authenticate</c>), if known.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>
    /// Gets the key the request carried, if known: it gives the key hint and is redacted from the server's message. When
    /// <see langword="null"/>, nothing is assumed about what was sent (a missing key is never inferred).
    /// </summary>
    public string? SentKey { get; init; }
}
