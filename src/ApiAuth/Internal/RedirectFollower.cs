using System.Net;
using ApiAuth.Providers;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Internal;

/// <summary>
/// Follows redirects in ApiAuth's place when it turned the primary handler's automatic redirects off, so that a redirect
/// to another origin never carries the credential: .NET itself drops only <c>Authorization</c>, and forwards
/// <c>x-api-key</c>, <c>api-key</c> and <c>x-goog-api-key</c>. Same rules as .NET otherwise: no https → http downgrade,
/// POST becomes GET on 301/302, anything but HEAD becomes GET on 303, at most the handler's redirection limit.
/// </summary>
internal sealed class RedirectFollower
{
    private static readonly string[] CredentialHeaders =
        ["Authorization", "x-api-key", "api-key", "x-goog-api-key", "anthropic-api-key", "openai-api-key", "OpenAI-Organization", "OpenAI-Project", "Ocp-Apim-Subscription-Key"];

    private readonly string _clientName;
    private readonly ClientState _state;
    private readonly ILogger _logger;
    private readonly Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> _send;
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _sendAsync;

    public RedirectFollower(string clientName, ClientState state, ILogger logger, Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> send, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> sendAsync)
    {
        _clientName = clientName;
        _state = state;
        _logger = logger;
        _send = send;
        _sendAsync = sendAsync;
    }

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.MultipleChoices;

    public HttpResponseMessage Follow(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile, ref SentCredential sent, CancellationToken cancellationToken)
    {
        for (int hops = 0; hops < _state.MaxRedirects && Next(request, response, profile) is { } crossed; hops++)
        {
            if (crossed)
            {
                sent = default;
            }

            response.Dispose();
            response = _send(request, cancellationToken);
        }

        return response;
    }

    public async Task<(HttpResponseMessage Response, bool Crossed)> FollowAsync(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile, CancellationToken cancellationToken)
    {
        bool anyCrossed = false;
        for (int hops = 0; hops < _state.MaxRedirects && Next(request, response, profile) is { } crossed; hops++)
        {
            anyCrossed |= crossed;
            response.Dispose();
            response = await _sendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return (response, anyCrossed);
    }

    /// <summary>Prepares the request for the next hop; returns whether it leaves the origin, or <see langword="null"/> to stop.</summary>
    private bool? Next(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile)
    {
        if (!IsRedirect(response.StatusCode) || request.RequestUri is not { IsAbsoluteUri: true } from || response.Headers.Location is not { } location)
        {
            return null;
        }

        Uri to = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (to.Scheme != Uri.UriSchemeHttp && to.Scheme != Uri.UriSchemeHttps
            || from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
        {
            return null;
        }

        if (to.Fragment.Length == 0 && from.Fragment.Length > 0)
        {
            to = new UriBuilder(to) { Fragment = from.Fragment[1..] }.Uri;
        }

        HttpStatusCode status = response.StatusCode;
        if (status == HttpStatusCode.SeeOther && request.Method != HttpMethod.Head
            || status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.MultipleChoices && request.Method == HttpMethod.Post)
        {
            request.Method = HttpMethod.Get;
            request.Content = null;
            request.Headers.TransferEncodingChunked = false;
        }

        bool crossed = !string.Equals(from.Scheme, to.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase)
            || from.Port != to.Port;
        if (crossed)
        {
            foreach (string header in CredentialHeaders)
            {
                request.Headers.Remove(header);
            }

            request.Headers.Remove(profile.KeyHeader);
            foreach (KeyPlacement placement in profile.AlternativeKeyPlacements)
            {
                request.Headers.Remove(placement.Header);
            }

            foreach (string misplaced in profile.MisplacedKeyHeaders)
            {
                request.Headers.Remove(misplaced);
            }

            Log.RedirectWithoutCredential(_logger, _clientName, (int)status, from.IdnHost, to.IdnHost);
        }

        request.RequestUri = to;
        return crossed;
    }
}
