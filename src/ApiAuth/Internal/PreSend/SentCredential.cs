namespace ApiAuth.Internal;

/// <summary>
/// What the request carried when it left, kept by value (no allocation) to explain a failure later: the credential the
/// <see cref="CredentialLocator"/> found, in whichever carrier it travelled. The key hint and the redaction of server
/// messages are built from it, so a key sent in a gateway header or in <c>Basic</c> is hinted and redacted like any other.
/// </summary>
internal struct SentCredential
{
    private const string BasicScheme = "Basic ";

    /// <summary>The credential header value as sent (scheme included), the query parameter's value, or <see langword="null"/>.</summary>
    public string? HeaderValue;

    /// <summary>Where the key starts within <see cref="HeaderValue"/> (after the scheme).</summary>
    public int KeyOffset;

    /// <summary>The header (or <c>?parameter</c>) the credential travelled in, when known.</summary>
    public string? Carrier;

    /// <summary>The organization id sent, if any.</summary>
    public string? Organization;

    /// <summary>The project id sent, if any.</summary>
    public string? Project;

    /// <summary>Set when what was sent is not known (a saved response classified offline): a missing key is never inferred.</summary>
    public bool CredentialUnknown;

    /// <summary>The settings whose configured key ApiAuth added, when ApiAuth supplied the key.</summary>
    public HandlerSettings? ConfiguredBy;

    /// <summary>Gets the key as it stands in the header: for <c>Basic</c>, the base64 text (see <see cref="KeyString"/> for the decoded secret).</summary>
    public readonly ReadOnlySpan<char> Key => HeaderValue is null ? default : HeaderValue.AsSpan(Math.Min(KeyOffset, HeaderValue.Length));

    /// <summary>Gets a value indicating whether the credential is <c>Basic</c> (base64 of <c>user:password</c>).</summary>
    public readonly bool IsBasic => HeaderValue is not null && KeyOffset == BasicScheme.Length && HeaderValue.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Gets the secret as a string, allocating; used on failure paths only. For <c>Basic</c> it is the decoded password
    /// (the key, for services that take it there), or the user name when the password is empty.
    /// </summary>
    public readonly string? KeyString
    {
        get
        {
            if (HeaderValue is null)
            {
                return null;
            }

            string key = HeaderValue[Math.Min(KeyOffset, HeaderValue.Length)..];
            return IsBasic ? CredentialLocator.DecodeBasic(key) ?? key : key;
        }
    }

    /// <summary>Gets the hint for the key, allocating; used on failure paths only. A carrier with no key in it (only a scheme word) has none.</summary>
    public readonly string? Hint => KeyString is { Length: > 0 } key ? KeyHint.For(key) : null;
}
