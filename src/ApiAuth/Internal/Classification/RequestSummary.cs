namespace ApiAuth.Internal;

/// <summary>
/// What the classifier may know of the request besides its credential: where it went (the path tells Azure's classic
/// deployment routes from its v1 API) and when the answer came (to read a bearer token's expiry against). The offline API
/// knows neither.
/// </summary>
/// <param name="Uri">The request URI, if known.</param>
/// <param name="Host">The host it went to, if known.</param>
/// <param name="Now">When the answer came, if known.</param>
internal readonly record struct RequestSummary(Uri? Uri, string? Host, DateTimeOffset? Now);
