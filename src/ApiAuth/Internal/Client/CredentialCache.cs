using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// What the credential policy last worked out for a client, so the same header value request after request costs one
/// ordinal comparison: the last value that passed validation, the last repair made, the last bearer token's expiry. Each
/// entry is keyed by the value (and profile) it was computed from, so it can never answer for another value; it belongs to
/// one settings snapshot and is dropped with it on reload.
/// </summary>
internal sealed class CredentialCache
{
    /// <summary>Gets or sets the last clean credential value that passed validation, and for which profile.</summary>
    public ValidatedCredential? LastValid { get; set; }

    /// <summary>Gets or sets the last repair made, keyed by the raw header value it came from.</summary>
    public RepairCacheEntry? LastRepair { get; set; }

    /// <summary>Gets or sets the last bearer token whose expiry was read.</summary>
    public JwtCacheEntry? LastJwt { get; set; }

    /// <summary>Gets or sets the echo matcher of the last key a server refused, so repeated failures do not rebuild its hash index.</summary>
    public KeyEchoMatcher? LastEcho { get; set; }

    /// <summary>A clean credential value that passed validation for a profile.</summary>
    /// <param name="Value">The header value (or typed parameter) as sent.</param>
    /// <param name="Profile">The profile it was validated for.</param>
    internal sealed record ValidatedCredential(string Value, ProviderProfile Profile);

    /// <summary>A raw credential header value and what the policy made of it.</summary>
    /// <param name="Raw">The raw value as the caller set it.</param>
    /// <param name="Sanitized">The sanitized credential.</param>
    /// <param name="Verdict">Why it cannot be sent, or <see langword="null"/>.</param>
    /// <param name="Profile">The profile the value was analysed for.</param>
    /// <param name="Header">The header the value came from.</param>
    internal sealed record RepairCacheEntry(string Raw, SanitizedCredential Sanitized, KeyVerdict? Verdict, ProviderProfile Profile, string Header);

    /// <summary>A bearer token and its expiry, so the payload is decoded once per token, not per request.</summary>
    /// <param name="HeaderValue">The header value the token came in.</param>
    /// <param name="Expiry">Its <c>exp</c> claim, if any.</param>
    internal sealed record JwtCacheEntry(string HeaderValue, DateTimeOffset? Expiry);
}
