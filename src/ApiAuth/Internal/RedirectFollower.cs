using System.Net;
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
    private readonly string _clientName;
    private readonly ClientState _state;
    private readonly ILogger _logger;
    private readonly IReadOnlyCollection<string> _credentialHeaders;
    private readonly Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> _send;
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _sendAsync;

    public RedirectFollower(string clientName, ClientState state, ILogger logger, IReadOnlyCollection<string> credentialHeaders, Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> send, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> sendAsync)
    {
        _clientName = clientName;
        _state = state;
        _logger = logger;
        _credentialHeaders = credentialHeaders;
        _send = send;
        _sendAsync = sendAsync;
    }

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.MultipleChoices;

    public HttpResponseMessage Follow(HttpRequestMessage request, HttpResponseMessage response, ref SentCredential sent, CancellationToken cancellationToken)
    {
        for (int hops = 0; hops < _state.MaxRedirects && Next(request, response) is { } crossed; hops++)
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

    public async Task<(HttpResponseMessage Response, bool Crossed)> FollowAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        bool anyCrossed = false;
        for (int hops = 0; hops < _state.MaxRedirects && Next(request, response) is { } crossed; hops++)
        {
            anyCrossed |= crossed;
            response.Dispose();
            response = await _sendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return (response, anyCrossed);
    }

    /// <summary>Prepares the request for the next hop; returns whether it leaves the origin, or <see langword="null"/> to stop.</summary>
    private bool? Next(HttpRequestMessage request, HttpResponseMessage response)
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
            // Every header any known profile reads a credential or an account id from, not only this request's profile's.
            foreach (string header in _credentialHeaders)
            {
                request.Headers.Remove(header);
            }

            Log.RedirectWithoutCredential(_logger, _clientName, (int)status, from.IdnHost, to.IdnHost);
        }

        request.RequestUri = to;
        return crossed;
    }
}
