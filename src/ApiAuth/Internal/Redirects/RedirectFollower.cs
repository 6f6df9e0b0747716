using System.Net;
using System.Net.Http.Headers;
using ApiAuth.Providers;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Internal;

/// <summary>
/// Follows redirects in ApiAuth's place when it turned the primary handler's automatic redirects off, so that a redirect
/// to another origin never carries a credential: .NET itself drops only <c>Authorization</c>, and forwards <c>x-api-key</c>,
/// <c>api-key</c>, <c>apikey</c>, <c>Cookie</c> and the rest. Each hop is a new request message, as the platform's handler
/// would send it: the caller's message is never rewritten, so a retry above ApiAuth replays the original request to the
/// original origin, never a hop to another one. Same rules as .NET otherwise: <c>Authorization</c> is dropped on every hop,
/// no https → http downgrade, POST becomes GET on 301/302, anything but GET and HEAD becomes GET on 303, a fragment is kept,
/// at most the handler's redirection limit.
/// </summary>
internal sealed class RedirectFollower
{
    /// <summary>Request options under this prefix belong to a resilience pipeline's per-message context and stay with the caller's message.</summary>
    private const string ResilienceOptionPrefix = "Resilience.";

    /// <summary>What separates query parameters: '&amp;', and ';' for the servers that also split on it.</summary>
    private static readonly char[] QuerySeparators = ['&', ';'];

    private readonly string _clientName;
    private readonly RedirectSetup _setup;
    private readonly ILogger _logger;
    private readonly HashSet<string> _crossOriginHeaders;
    private readonly Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> _send;
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _sendAsync;

    public RedirectFollower(string clientName, RedirectSetup setup, ILogger logger, ProviderRegistry registry, Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> send, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> sendAsync)
    {
        _clientName = clientName;
        _setup = setup;
        _logger = logger;
        _crossOriginHeaders = CredentialCarriers.CrossOriginHeaders(registry);
        _send = send;
        _sendAsync = sendAsync;
    }

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.MultipleChoices;

    /// <summary>Follows the redirects; also returns whether the last hop no longer carries <paramref name="sentValue"/>.</summary>
    public (HttpResponseMessage Response, bool CredentialDropped) Follow(HttpRequestMessage request, HttpResponseMessage response, string? sentValue, CancellationToken cancellationToken)
    {
        HttpRequestMessage current = request;
        for (int hops = 0; hops < _setup.MaxRedirects && NextHop(current, response) is { } next; hops++)
        {
            response.Dispose();
            current = next;
            response = _send(next, cancellationToken);
        }

        return (response, !Carries(current, sentValue));
    }

    /// <summary>Follows the redirects; also returns whether the last hop no longer carries <paramref name="sentValue"/>.</summary>
    public async Task<(HttpResponseMessage Response, bool CredentialDropped)> FollowAsync(HttpRequestMessage request, HttpResponseMessage response, string? sentValue, CancellationToken cancellationToken)
    {
        HttpRequestMessage current = request;
        for (int hops = 0; hops < _setup.MaxRedirects && NextHop(current, response) is { } next; hops++)
        {
            response.Dispose();
            current = next;
            response = await _sendAsync(next, cancellationToken).ConfigureAwait(false);
        }

        return (response, !Carries(current, sentValue));
    }

    /// <summary>Builds the request for the next hop, or returns <see langword="null"/> to stop and hand the redirect to the caller.</summary>
    private HttpRequestMessage? NextHop(HttpRequestMessage request, HttpResponseMessage response)
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

        bool crossed = !string.Equals(from.Scheme, to.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase)
            || from.Port != to.Port;
        if (crossed && to.Query.Length > 1 && from.Query.Length > 1)
        {
            to = WithoutReflectedCredentials(from, to);
        }

        HttpStatusCode status = response.StatusCode;
        bool toGet = status == HttpStatusCode.SeeOther && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head
            || status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.MultipleChoices && request.Method == HttpMethod.Post;

        var hop = new HttpRequestMessage(toGet ? HttpMethod.Get : request.Method, to)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,

            // The same content object, as the platform's handler re-sends it; the hop is never disposed, so neither is the content.
            // To another origin, a content header that carries a credential (or a cookie) stays behind: the body goes in a view without it.
            Content = toGet || request.Content is null ? null : crossed ? RedirectHopContent.For(request.Content, _crossOriginHeaders) : request.Content,
        };

        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            // .NET clears Authorization on every redirect, same origin included; the cross-origin set covers every carrier.
            if (string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                || crossed && _crossOriginHeaders.Contains(header.Key)
                || toGet && string.Equals(header.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            hop.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        IDictionary<string, object?> options = hop.Options;
        foreach (KeyValuePair<string, object?> option in request.Options)
        {
            if (!option.Key.StartsWith(ResilienceOptionPrefix, StringComparison.Ordinal))
            {
                options[option.Key] = option.Value;
            }
        }

        if (crossed)
        {
            Log.RedirectWithoutCredential(_logger, _clientName, (int)status, from.IdnHost, to.IdnHost);
        }

        return hop;
    }

    /// <summary>
    /// Removes from a cross-origin target the key-carrying query parameters (<c>key</c>, <c>api_key</c> …) whose value the
    /// previous hop carried: a server that copies the query into <c>Location</c> would otherwise hand the key to another origin.
    /// A parameter the server minted for the target (a value the request did not carry) is kept.
    /// </summary>
    private static Uri WithoutReflectedCredentials(Uri from, Uri to)
    {
        List<string>? carried = null;
        foreach (string pair in from.Query[1..].Split(QuerySeparators))
        {
            (string name, string value) = Split(pair);
            if (value.Length > 0 && CredentialCarriers.IsCredentialQueryParameter(name))
            {
                (carried ??= []).Add(value);
            }
        }

        if (carried is null)
        {
            return to;
        }

        // Both '&' and ';' separate parameters (HTML 4 and many servers split on ';'): a pair is cut at either, and the
        // separators between the pairs that stay are kept as they were.
        string query = to.Query[1..];
        var kept = new System.Text.StringBuilder(query.Length);
        bool removed = false;
        int start = 0;
        while (start <= query.Length)
        {
            int end = query.IndexOfAny(QuerySeparators, start);
            if (end < 0)
            {
                end = query.Length;
            }

            string pair = query[start..end];
            (string name, string value) = Split(pair);
            if (value.Length > 0 && CredentialCarriers.IsCredentialQueryParameter(name) && carried.Contains(value))
            {
                removed = true;
            }
            else
            {
                if (kept.Length > 0)
                {
                    kept.Append(start > 0 ? query[start - 1] : '&');
                }

                kept.Append(pair);
            }

            start = end + 1;
        }

        return removed ? new UriBuilder(to) { Query = kept.ToString() }.Uri : to;
    }

    private static (string Name, string Value) Split(string pair)
    {
        int equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? (Uri.UnescapeDataString(pair), string.Empty)
            : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
    }

    /// <summary>Whether the hop still carries the credential value (a header with exactly that value).</summary>
    private static bool Carries(HttpRequestMessage hop, string? value)
    {
        if (value is null)
        {
            return true;
        }

        return Carries(hop.Headers.NonValidated, value)
            || CredentialLocator.MayCarry(hop.Content, out HttpHeadersNonValidated content) && Carries(content, value);
    }

    private static bool Carries(HttpHeadersNonValidated headers, string value)
    {
        foreach (KeyValuePair<string, HeaderStringValues> header in headers)
        {
            foreach (string sent in header.Value)
            {
                if (string.Equals(sent, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
