using ApiAuth.Providers;

namespace ApiAuth.Analyzers;

/// <summary>The providers' hosts and key headers, read from the library's own data (<c>ProviderEndpoints.Data.cs</c>).</summary>
internal static class Endpoints
{
    /// <summary>Gets every built-in provider that answers on known hosts.</summary>
    public static ProviderEndpoint[] All { get; } = ProviderEndpoints.Published();

    /// <summary>Gets every header some provider reads a key from, other than <c>Authorization</c> (<c>api-key</c>, <c>x-api-key</c> …).</summary>
    public static string[] KeyHeaders { get; } = All
        .SelectMany(static e => e.KeyPlacements)
        .Select(static p => p.Header)
        .Where(static h => !IsAuthorization(h))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToArray();

    /// <summary>Gets a value indicating whether a header name is <c>Authorization</c> (any case).</summary>
    /// <param name="header">The header name.</param>
    /// <returns><see langword="true"/> for Authorization.</returns>
    public static bool IsAuthorization(string? header) => string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets a value indicating whether a header name is a key header other than Authorization.</summary>
    /// <param name="header">The header name.</param>
    /// <returns><see langword="true"/> for a key header.</returns>
    public static bool IsKeyHeader(string? header) => header is not null && Array.Exists(KeyHeaders, h => string.Equals(h, header, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds the provider a host belongs to.</summary>
    /// <param name="host">The host.</param>
    /// <returns>The provider, or <see langword="null"/> for an unknown host.</returns>
    public static ProviderEndpoint? ForHost(string host) => Array.Find(All, e => e.Matches(host));

    /// <summary>Gets the host of an absolute http or https URL, or <see langword="null"/>.</summary>
    /// <param name="value">A constant string.</param>
    /// <returns>The host.</returns>
    public static string? HostOf(string? value)
    {
        if (value is null
            || !(value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            || !Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
        {
            return null;
        }

        return uri.Host;
    }

    /// <summary>Gets a value indicating whether the provider reads a key from the header.</summary>
    /// <param name="endpoint">The provider.</param>
    /// <param name="header">The header name.</param>
    /// <returns><see langword="true"/> when one of its placements is that header.</returns>
    public static bool Reads(ProviderEndpoint endpoint, string header) =>
        Array.Exists(endpoint.KeyPlacements, p => string.Equals(p.Header, header, StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets a value indicating whether the provider reads <c>Authorization</c> only with a scheme in front of the key.</summary>
    /// <param name="endpoint">The provider.</param>
    /// <returns><see langword="true"/> when every Authorization placement has a scheme.</returns>
    public static bool NeedsSchemeInAuthorization(ProviderEndpoint endpoint)
    {
        bool any = false;
        foreach (KeyPlacement placement in endpoint.KeyPlacements)
        {
            if (IsAuthorization(placement.Header))
            {
                if (placement.Scheme is null)
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>Describes where the provider reads the key: <c>'Authorization: Bearer &lt;key&gt;'</c> or <c>'api-key'</c>, joined with "or".</summary>
    /// <param name="endpoint">The provider.</param>
    /// <returns>The description.</returns>
    public static string DescribePlacements(ProviderEndpoint endpoint) =>
        string.Join(" or ", endpoint.KeyPlacements.Select(static p => p.Scheme is null ? "'" + p.Header + "'" : "'" + p.Header + ": " + p.Scheme + " <key>'"));
}
