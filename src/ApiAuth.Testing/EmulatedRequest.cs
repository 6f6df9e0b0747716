using System.Globalization;

namespace ApiAuth.Testing;

/// <summary>
/// A request the emulator received, and what it answered. Read them from <see cref="ProviderEmulator.ReceivedRequests"/>.
/// </summary>
/// <remarks>
/// <see cref="Headers"/> hold the values as sent, credentials included: the emulator is a test double and
/// tests assert on what reached it. <see cref="ToString"/> prints neither headers nor body.
/// </remarks>
public sealed class EmulatedRequest
{
    internal EmulatedRequest(
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> headers,
        string body,
        int statusCode,
        string? requestId,
        EmulatedFailure? failure,
        DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Body = body;
        StatusCode = statusCode;
        RequestId = requestId;
        Failure = failure;
        ReceivedAt = receivedAt;
    }

    /// <summary>Gets the HTTP method, for example <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the decoded path, for example <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the raw query string with its leading <c>?</c>, or an empty string.</summary>
    public string QueryString { get; }

    /// <summary>Gets the request headers (content headers included), keyed case-insensitively; repeated values are joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the request body decoded as UTF-8, or an empty string.</summary>
    public string Body { get; }

    /// <summary>Gets the status code the emulator answered.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the request id the emulator answered in the provider's request-id header, or <see langword="null"/> for a provider that sends none (Gemini).</summary>
    public string? RequestId { get; }

    /// <summary>Gets the failure the emulator answered, or <see langword="null"/> when it answered anything else (a success, a 404, a malformed body).</summary>
    public EmulatedFailure? Failure { get; }

    /// <summary>Gets when the request was received, from the emulator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>
    /// Gets the value of a header, or <see langword="null"/> when the request did not carry it.
    /// </summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The header value, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public string? GetHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>Returns the method, path and answered status, for example <c>POST /v1/chat/completions → 401</c>.</summary>
    /// <returns>A short description without headers, query or body.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Method} {Path} → {StatusCode}");
}
