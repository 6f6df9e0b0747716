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

    /// <summary>Headers whose value is <c>{scheme} {credentials}</c> (RFC 9110 §11.4), so a scheme word is expected in front of the key.</summary>
    private static readonly string[] SchemeHeaders = ["Authorization", "Proxy-Authorization", "cf-aig-authorization", "Helicone-Auth"];

    /// <summary>
    /// Gets the headers that are no key but never follow a request to another origin (<c>Cookie</c>, <c>Proxy-Authorization</c>):
    /// a line break inside them is refused like in any carrier; the allowed-hosts and plain-http rules leave them alone.
    /// </summary>
    public static string[] CrossOriginOnly => [.. CrossOriginOnlyHeaders];

    /// <summary>Gets a value indicating whether a header is <c>Cookie</c> or <c>Proxy-Authorization</c>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> for a header that only redirects and the line-break rule care about.</returns>
    public static bool IsCrossOriginOnly(string name) =>
        string.Equals(name, CrossOriginOnlyHeaders[0], StringComparison.OrdinalIgnoreCase) || string.Equals(name, CrossOriginOnlyHeaders[1], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Gets every header that carries a key on some host, without duplicates, the most common first: the gateway headers,
    /// then each profile's key, alternative and misplaced headers. Organization and project headers are not keys (see <see cref="IdHeaders"/>).
    /// </summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The header names, in lookup order.</returns>
    public static string[] KeyHeaders(ProviderRegistry registry)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<string>();
        foreach (string header in GatewayHeaders)
        {
            if (seen.Add(header))
            {
                ordered.Add(header);
            }
        }

        foreach (ProviderProfile profile in Profiles(registry))
        {
            foreach (string header in profile.AlternativeKeyPlacements.Select(static p => p.Header).Prepend(profile.KeyHeader).Concat(profile.MisplacedKeyHeaders))
            {
                if (seen.Add(header))
                {
                    ordered.Add(header);
                }
            }
        }

        return [.. ordered];
    }

    /// <summary>Gets the organization and project headers of every profile: not keys, but written next to them and checked like them.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The header names, without duplicates.</returns>
    public static string[] IdHeaders(ProviderRegistry registry) =>
        [.. Profiles(registry).SelectMany(static p => new[] { p.OrganizationHeader, p.ProjectHeader }).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Gets a value indicating whether a header's value is a scheme followed by credentials (<c>Authorization</c> and its kin).</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> for an Authorization-style header.</returns>
    public static bool IsSchemeHeader(string name)
    {
        foreach (string known in SchemeHeaders)
        {
            if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ProviderProfile> Profiles(ProviderRegistry registry)
    {
        foreach (string id in registry.Ids)
        {
            if (registry.TryGet(id, out ProviderProfile profile))
            {
                yield return profile;
            }
        }
    }

    /// <summary>Gets every header that carries a credential on some host, given the profiles the registry knows.</summary>
    /// <param name="registry">The registry (all its profiles, shadowed built-ins too, add their key, alternative, misplaced, organization and project headers).</param>
    /// <returns>The header names, compared ignoring case.</returns>
    public static HashSet<string> CredentialHeaders(ProviderRegistry registry)
    {
        var headers = new HashSet<string>(GatewayHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (ProviderProfile profile in registry.All)
        {
            headers.Add(profile.KeyHeader);
            headers.UnionWith(profile.AlternativeKeyPlacements.Select(static p => p.Header));
            headers.UnionWith(profile.MisplacedKeyHeaders);
            headers.UnionWith(new[] { profile.OrganizationHeader, profile.ProjectHeader }.OfType<string>());
        }

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
