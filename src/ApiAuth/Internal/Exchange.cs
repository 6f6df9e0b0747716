using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// One request as the handler carries it from the pre-send inspection to the end: the request, the profile it was inspected
/// for, what it carried and the settings it was inspected under. Built once, before sending, from the
/// <see cref="Inspection"/>; the failure path reads everything from it. It keeps only what later steps read (the rewrites and
/// repairs are applied and reported before sending), so the success path copies nine words, not the whole inspection.
/// </summary>
/// <param name="Request">The request.</param>
/// <param name="Profile">The profile the request was inspected for.</param>
/// <param name="Sent">What the request carried.</param>
/// <param name="Settings">The settings it was inspected under.</param>
internal readonly record struct Exchange(HttpRequestMessage Request, ProviderProfile Profile, SentCredential Sent, HandlerSettings Settings)
{
    /// <summary>Gets the host the request went to, if its URI is absolute.</summary>
    public string? Host => Request.RequestUri is { IsAbsoluteUri: true } uri ? uri.IdnHost : null;

    /// <summary>Gets the same exchange with what was sent replaced (the last redirect hop no longer carried the credential).</summary>
    /// <param name="sent">What the last hop carried.</param>
    /// <returns>The exchange.</returns>
    public Exchange WithSent(in SentCredential sent) => this with { Sent = sent };
}
