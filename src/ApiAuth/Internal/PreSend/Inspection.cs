using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// The credential policy's answer for one request, computed before anything is written: what the request will carry, the
/// header rewrites that make it so, and the refusal if it must not be sent — plus what to report (repairs made, a key moved
/// to the profile's header, plain http to the user's own network). The policy writes it in place, in the caller's frame (issue 15: no copy of what was
/// sent or of the rewrites); once returned, nothing writes it. The handler applies it, reports it, and carries what was sent
/// through send, redirects, classification and the rotation retry. The clean request's inspection allocates nothing.
/// </summary>
internal struct Inspection
{
    /// <summary>The profile the request was inspected for.</summary>
    public ProviderProfile Profile;

    /// <summary>What the request carries once the rewrites are applied.</summary>
    public SentCredential Sent;

    /// <summary>Why the request must not be sent, or <see langword="null"/>.</summary>
    public AuthFailure? Refusal;

    /// <summary>The refusal's detail (what is wrong, in a few words: "the placeholder 'sk-your-key-here'"), for messages that are not about a request.</summary>
    public string? RefusalDetail;

    /// <summary>The rule that refused the request, or <see cref="PolicyRule.None"/>.</summary>
    public PolicyRule RefusedBy;

    /// <summary>The header changes to apply before sending.</summary>
    public HeaderRewrites Rewrites;

    /// <summary>The repairs the rewrites make, for the warning and the metric.</summary>
    public CredentialRepairs Repairs;

    /// <summary>The header a misplaced key was moved from into the profile's header, if any.</summary>
    public string? MovedFrom;

    /// <summary>Whether a key goes over plain http to the user's own network (allowed; warned once).</summary>
    public bool OwnNetworkPlainHttp;

    /// <summary>Writes the rewrites onto the request.</summary>
    /// <param name="request">The request that was inspected.</param>
    public readonly void ApplyTo(HttpRequestMessage request) => Rewrites.ApplyTo(request);
}
