namespace ApiAuth.Internal;

/// <summary>Where a credential may travel: the one rule the handler, the offline check and start-up validation share.</summary>
internal static class EndpointRules
{
    /// <summary>Gets a value indicating whether the address is plain http to a host that is not loopback (a key would travel in clear text).</summary>
    public static bool IsPlainHttpToRemote(Uri uri) =>
        uri.IsAbsoluteUri && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !uri.IsLoopback;
}
