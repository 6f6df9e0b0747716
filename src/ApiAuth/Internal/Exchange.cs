using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// One request as the handler carries it from the pre-send inspection to the end: the request, the inspection (profile and
/// what was sent) and the settings it was made under. Built once, before sending; the failure path reads everything from it.
/// </summary>
/// <param name="Request">The request.</param>
/// <param name="Inspection">The credential policy's answer for it.</param>
/// <param name="Settings">The settings it was inspected under.</param>
internal readonly record struct Exchange(HttpRequestMessage Request, Inspection Inspection, HandlerSettings Settings)
{
    /// <summary>Gets the profile the request was inspected for.</summary>
    public ProviderProfile Profile => Inspection.Profile;

    /// <summary>Gets the host the request went to, if its URI is absolute.</summary>
    public string? Host => Request.RequestUri is { IsAbsoluteUri: true } uri ? uri.IdnHost : null;

    /// <summary>Gets the same exchange with what was sent replaced (the last redirect hop no longer carried the credential).</summary>
    /// <param name="sent">What the last hop carried.</param>
    /// <returns>The exchange.</returns>
    public Exchange WithSent(in SentCredential sent) => this with { Inspection = Inspection.WithSent(sent) };
}
