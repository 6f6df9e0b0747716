using System.Runtime.CompilerServices;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// The credential policy's answer for one request, computed before anything is written: what the request will carry, the
/// header rewrites that make it so, and the refusal if it must not be sent — plus what to report (repairs made, a key moved
/// to the profile's header, plain http to the user's own network). Immutable; the handler applies it, reports it and carries
/// it through send, redirects, classification and the rotation retry. The clean request's inspection allocates nothing.
/// </summary>
internal readonly struct Inspection
{
    /// <summary>Initializes a new instance of the <see cref="Inspection"/> struct.</summary>
    /// <param name="profile">The profile the request was inspected for.</param>
    /// <param name="sent">What the request carries.</param>
    /// <param name="refusal">Why it must not be sent, or <see langword="null"/>.</param>
    /// <param name="refusedBy">The rule that refused it, or <see cref="PolicyRule.None"/>.</param>
    /// <param name="rewrites">The header changes to apply before sending, or <see langword="null"/>.</param>
    /// <param name="repairs">The repairs the rewrites make.</param>
    /// <param name="movedFrom">The header a key was moved from into the profile's, if any.</param>
    /// <param name="ownNetworkPlainHttp">Whether the request carries a key over plain http to the user's own network (allowed, worth a warning).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // Inlined, it writes straight into the caller's stack: no write barriers, no bulk copy.
    public Inspection(ProviderProfile profile, in SentCredential sent, AuthFailure? refusal, PolicyRule refusedBy, in HeaderRewrites rewrites, CredentialRepairs repairs, string? movedFrom, bool ownNetworkPlainHttp)
    {
        Profile = profile;
        Sent = sent;
        Refusal = refusal;
        RefusedBy = refusedBy;
        Rewrites = rewrites;
        Repairs = repairs;
        MovedFrom = movedFrom;
        OwnNetworkPlainHttp = ownNetworkPlainHttp;
    }

    /// <summary>Gets the profile the request was inspected for.</summary>
    public ProviderProfile Profile { get; }

    /// <summary>Gets what the request carries once the rewrites are applied.</summary>
    public SentCredential Sent { get; }

    /// <summary>Gets why the request must not be sent, or <see langword="null"/>.</summary>
    public AuthFailure? Refusal { get; }

    /// <summary>Gets the refusal's detail (what is wrong, in a few words: "the placeholder 'sk-your-key-here'"), for messages that are not about a request.</summary>
    public string? RefusalDetail { get; init; }

    /// <summary>Gets the rule that refused the request, or <see cref="PolicyRule.None"/>.</summary>
    public PolicyRule RefusedBy { get; }

    /// <summary>Gets the header changes to apply before sending.</summary>
    public HeaderRewrites Rewrites { get; }

    /// <summary>Gets the repairs the rewrites make, for the warning and the metric.</summary>
    public CredentialRepairs Repairs { get; }

    /// <summary>Gets the header a misplaced key was moved from into the profile's header, if any.</summary>
    public string? MovedFrom { get; }

    /// <summary>Gets a value indicating whether a key goes over plain http to the user's own network (allowed; warned once).</summary>
    public bool OwnNetworkPlainHttp { get; }

    /// <summary>Gets the same inspection, with what was sent replaced (after a redirect dropped the credential, say).</summary>
    /// <param name="sent">What the last hop carried.</param>
    /// <returns>The inspection.</returns>
    public Inspection WithSent(in SentCredential sent) => new(Profile, sent, Refusal, RefusedBy, Rewrites, Repairs, MovedFrom, OwnNetworkPlainHttp) { RefusalDetail = RefusalDetail };

    /// <summary>Writes the rewrites onto the request.</summary>
    /// <param name="request">The request that was inspected.</param>
    public void ApplyTo(HttpRequestMessage request) => Rewrites.ApplyTo(request);
}
