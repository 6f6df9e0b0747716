namespace ApiAuth.Providers;

/// <summary>
/// Where a rule's match is positive evidence of an authentication failure. At 401 every match counts (the status
/// already says "unauthenticated"); at 400 and 403, which also answer content filters, schema errors, quota, regions
/// and WAF blocks, only evidence does. Pass-through rules apply at every status whatever their scope.
/// </summary>
internal enum EvidenceScope
{
    /// <summary>Not evidence at 400/403: wording that also names errors that are not about the credential; it decides only a 401.</summary>
    None,

    /// <summary>Evidence at every status: a structured code that only names an auth failure, or the provider's own auth wording.</summary>
    Always,

    /// <summary>
    /// Evidence at 400/403 only for services without a built-in profile of their own (unknown hosts, relays, gateways,
    /// custom profiles): an unambiguous auth phrase. A named provider's 400/403 is judged by its own codes and wording only,
    /// since its bodies may echo the caller's content (a tool named <c>check_invalid_api_key</c>) next to its real message.
    /// </summary>
    UnprofiledService,
}
