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

    /// <summary>
    /// Finds the provider profile id for an endpoint by its host, among the built-in profiles and those the app registered
    /// (<c>AddApiAuthProvider</c>, the <c>ApiAuth:Providers</c> configuration section); unknown hosts give <c>generic</c>.
    /// </summary>
    /// <param name="endpoint">An absolute base address or request URI.</param>
    /// <param name="services">The app's service provider, whose registered profiles count; <see langword="null"/> for the built-in ones only.</param>
    /// <returns>The profile id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not absolute.</exception>
    public static string DetectProvider(Uri endpoint, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute URI.", nameof(endpoint));
        }

        return ProviderRegistry.From(services).ForHost(endpoint.IdnHost).Id;
    }

    /// <summary>
    /// Checks a key the way the handler would before sending it to <paramref name="provider"/>, which may be a profile the
    /// app registered (<c>AddApiAuthProvider</c>, the <c>ApiAuth:Providers</c> configuration section).
    /// </summary>
    /// <param name="key">The raw key as stored, without a scheme.</param>
    /// <param name="provider">A provider profile id: built in, or registered in <paramref name="services"/>.</param>
    /// <param name="endpoint">
    /// Where the key would be sent, if known. Plain http is refused to a public host, and to your own network (private and
    /// link-local addresses, single-label names) for a key in a cloud provider's format; this machine (loopback,
    /// <c>localhost</c>, <c>0.0.0.0</c>) is always accepted.
    /// </param>
    /// <param name="services">The app's service provider, whose registered profiles count; <see langword="null"/> for the built-in ones only.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="provider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a known profile id.</exception>
    public static KeyCheck CheckKey(string key, string provider, Uri? endpoint = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ProviderRegistry registry = ProviderRegistry.From(services);
        ProviderProfile profile = Profile(provider, registry);

        // The handler's own rules, in the handler's order: the key as if configured (ApiKey), on a request to the endpoint that
        // carries nothing else. The credential policy is the one function both call.
        HandlerSettings settings = HandlerSettings.ForKey(key, profile, registry);
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
    /// Classifies a saved error response as the handler would, with <paramref name="provider"/> possibly a profile the app
    /// registered (<c>AddApiAuthProvider</c>, the <c>ApiAuth:Providers</c> configuration section).
    /// </summary>
    /// <param name="provider">A provider profile id: built in, or registered in <paramref name="services"/>.</param>
    /// <param name="response">The response, and the key the request carried if known.</param>
    /// <param name="services">The app's service provider, whose registered profiles count; <see langword="null"/> for the built-in ones only.</param>
    /// <returns>The failure, or <see langword="null"/> when the response is not an authentication failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="response"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="provider"/> is not a known profile id.</exception>
    public static AuthFailure? ClassifyResponse(string provider, SavedResponse response, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        ProviderProfile profile = Profile(provider, ProviderRegistry.From(services));
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

    private static ProviderProfile Profile(string provider, ProviderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!registry.TryGet(provider, out ProviderProfile profile))
        {
            throw new ArgumentException($"Unknown provider '{provider}'. Known: {string.Join(", ", registry.Ids)}.", nameof(provider));
        }

        return profile;
    }
}
