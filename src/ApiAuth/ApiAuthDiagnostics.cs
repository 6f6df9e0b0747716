using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiAuth.Internal;
using ApiAuth.Providers;

namespace ApiAuth;

/// <summary>
/// The handler's checks, offline: for tools (a CLI, a health page, a support script) that hold a key,
/// an endpoint or a saved error response rather than a live request.
/// </summary>
public static class ApiAuthDiagnostics
{
    /// <summary>Gets the ids of the built-in provider profiles.</summary>
    public static IReadOnlyList<string> ProviderIds { get; } = [.. BuiltInProfiles.All.Select(static p => p.Id)];

    /// <summary>Finds the provider profile id for an endpoint by its host; unknown hosts give <c>generic</c>.</summary>
    /// <param name="endpoint">An absolute base address or request URI.</param>
    /// <returns>The profile id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not absolute.</exception>
    public static string DetectProvider(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute URI.", nameof(endpoint));
        }

        return ProviderRegistry.Default.ForHost(endpoint.IdnHost).Id;
    }

    /// <summary>Checks a key the way the handler would before sending it to <paramref name="provider"/>.</summary>
    /// <param name="key">The raw key as stored (an environment variable's value, say), without a scheme.</param>
    /// <param name="provider">A provider profile id (see <see cref="ProviderIds"/>).</param>
    /// <param name="endpoint">
    /// Where the key would be sent, if known. Plain http is refused to a public host, and to your own network (private and
    /// link-local addresses, single-label names) for a key in a cloud provider's format; this machine (loopback,
    /// <c>localhost</c>, <c>0.0.0.0</c>) is always accepted.
    /// </param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="provider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a known profile id.</exception>
    public static KeyCheck CheckKey(string key, string provider, Uri? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ProviderProfile profile = Profile(provider);

        // The handler's own rules, in the handler's order: the key as if configured (ApiKey), on a request to the endpoint that
        // carries nothing else. The credential policy is the one function both call.
        HandlerSettings settings = HandlerSettings.ForKey(key, profile, ProviderRegistry.Default);
        SanitizedCredential clean = settings.ConfiguredKey ?? CredentialSanitizer.Sanitize(key, scheme: null);
        string hint = KeyHint.For(clean.Key);
        KeyFormat? format = KeyFormats.Match(clean.Key);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        AuthFailure? failure = settings.ConfiguredKey is not null
            ? CredentialPolicy.Inspect(request, profile, settings, TimeProvider.System, caches: null).Refusal
            : CredentialValidator.Validate(profile, clean.Key) is { } verdict

                // An empty string configures no key at all; it is judged as the key it is.
                ? FailureFactory.BeforeSend(profile, verdict.Cause, hint, verdict.Detail, endpoint is { IsAbsoluteUri: true } ? endpoint.IdnHost : null)
                : null;

        string[] repairs = RepairText.List(clean.Repairs);
        return new KeyCheck(hint, repairs, format?.Vendor, format?.VendorName, failure);
    }

    /// <summary>
    /// Classifies a saved error response (status, body, headers) as the handler would, for example one pasted from a log.
    /// </summary>
    /// <param name="provider">A provider profile id (see <see cref="ProviderIds"/>).</param>
    /// <param name="response">The response, and the key the request carried if known.</param>
    /// <returns>The failure, or <see langword="null"/> when the response is not an authentication failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="response"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a known profile id.</exception>
    public static AuthFailure? ClassifyResponse(string provider, SavedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        ProviderProfile profile = Profile(provider);
        byte[] bytes = Encoding.UTF8.GetBytes(response.Body ?? string.Empty);

        // The classifier reads status and headers from a response message; this one is only their container (never sent).
        using var message = new HttpResponseMessage(response.StatusCode)
        {
            Content = new ByteArrayContent(bytes),
        };
        if (response.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? media))
        {
            message.Content.Headers.ContentType = media;
        }

        if (response.Headers is { } headers)
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        SentCredential sent = response.SentKey is null
            ? new SentCredential { CredentialUnknown = true }
            : new SentCredential { HeaderValue = CredentialSanitizer.Sanitize(response.SentKey, scheme: null).Key };
        return ErrorClassifier.Classify(profile, message, bytes, sent, host: null);
    }

    /// <summary>
    /// Classifies a saved error response as the handler would; the same as
    /// <see cref="ClassifyResponse(string, SavedResponse)"/> with its parts as parameters.
    /// </summary>
    /// <param name="provider">A provider profile id (see <see cref="ProviderIds"/>).</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="body">The response body as text.</param>
    /// <param name="contentType">The media type, if known.</param>
    /// <param name="headers">Response headers (request id, WWW-Authenticate), if known.</param>
    /// <param name="sentKey">The key the request carried, if known: it gives the key hint and is redacted from the server's message. When <see langword="null"/>, nothing is assumed about what was sent.</param>
    /// <returns>The failure, or <see langword="null"/> when the response is not an authentication failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a known profile id.</exception>
    public static AuthFailure? ClassifyResponse(string provider, HttpStatusCode statusCode, string body, string? contentType = null, IEnumerable<KeyValuePair<string, string>>? headers = null, string? sentKey = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ClassifyResponse(provider, new SavedResponse { StatusCode = statusCode, Body = body, ContentType = contentType, Headers = headers, SentKey = sentKey });
    }

    private static ProviderProfile Profile(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!ProviderRegistry.Default.TryGet(provider, out ProviderProfile profile))
        {
            throw new ArgumentException($"Unknown provider '{provider}'. Known: {string.Join(", ", ProviderIds)}.", nameof(provider));
        }

        return profile;
    }
}
