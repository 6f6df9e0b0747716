using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Every place a request can carry a credential, on any host: the one list the credential locator, the allowed-hosts and
/// plain-http rules, redirect stripping, the key hint and redaction all ask. It knows every profile's key, alternative and
/// misplaced headers (custom profiles included, through the registry), the gateway and relay headers no profile owns, and
/// the query parameters keys travel in. Names are compared ignoring case.
/// </summary>
internal static class CredentialCarriers
{
    /// <summary>Headers that carry a credential on some service whatever the profile: gateways, relays, self-hosted servers.</summary>
    private static readonly string[] GatewayHeaders =
    [
        "Authorization",
        "x-api-key",
        "api-key",
        "x-goog-api-key",
        "Ocp-Apim-Subscription-Key",
        "apikey",
        "X-Auth-Token",
        "X-Access-Token",
        "X-API-Token",
        "X-Auth-Key",
        "X-Goog-Api-Key",
        "X-Gateway-Api-Key",
        "X-Portkey-Api-Key",
        "Helicone-Auth",
        "cf-aig-authorization",
    ];

    /// <summary>Headers that are not a key but must never follow a request to another origin.</summary>
    private static readonly string[] CrossOriginOnlyHeaders = ["Cookie", "Proxy-Authorization"];

    /// <summary>Query parameters keys travel in (Gemini's <c>key</c>, and the names gateways use).</summary>
    private static readonly string[] QueryParameters = ["key", "api_key", "api-key", "apikey", "access_token", "token", "subscription-key"];

    /// <summary>Gets every header that carries a credential on some host, given the profiles the registry knows.</summary>
    /// <param name="registry">The registry (its profiles add their key, alternative, misplaced, organization and project headers).</param>
    /// <returns>The header names, compared ignoring case.</returns>
    public static HashSet<string> CredentialHeaders(ProviderRegistry registry)
    {
        var headers = new HashSet<string>(GatewayHeaders, StringComparer.OrdinalIgnoreCase);
        headers.UnionWith(registry.CredentialHeaders);
        return headers;
    }

    /// <summary>Gets every header removed from a request that leaves its origin: the credential headers, plus cookies and proxy credentials.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The header names, compared ignoring case.</returns>
    public static HashSet<string> CrossOriginHeaders(ProviderRegistry registry)
    {
        HashSet<string> headers = CredentialHeaders(registry);
        headers.UnionWith(CrossOriginOnlyHeaders);
        return headers;
    }

    /// <summary>Gets a value indicating whether a query parameter name carries keys.</summary>
    /// <param name="name">The parameter name, unescaped.</param>
    /// <returns><see langword="true"/> for a key-carrying parameter.</returns>
    public static bool IsCredentialQueryParameter(ReadOnlySpan<char> name)
    {
        foreach (string known in QueryParameters)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
