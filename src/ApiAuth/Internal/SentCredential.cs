namespace ApiAuth.Internal;

/// <summary>What the request carried when it left, kept by value (no allocation) to explain a failure later.</summary>
internal struct SentCredential
{
    /// <summary>The credential header value as sent (scheme included), or <see langword="null"/>.</summary>
    public string? HeaderValue;

    /// <summary>Where the key starts within <see cref="HeaderValue"/>.</summary>
    public int KeyOffset;

    /// <summary>The organization id sent, if any.</summary>
    public string? Organization;

    /// <summary>The project id sent, if any.</summary>
    public string? Project;

    /// <summary>Set when what was sent is not known (a saved response classified offline): a missing key is never inferred.</summary>
    public bool CredentialUnknown;

    /// <summary>The settings whose configured key ApiAuth added, when ApiAuth supplied the key.</summary>
    public HandlerSettings? ConfiguredBy;

    /// <summary>Gets the key alone.</summary>
    public readonly ReadOnlySpan<char> Key => HeaderValue is null ? default : HeaderValue.AsSpan(Math.Min(KeyOffset, HeaderValue.Length));

    /// <summary>Gets the key as a string, allocating; used on failure paths only.</summary>
    public readonly string? KeyString => HeaderValue is null ? null : HeaderValue[Math.Min(KeyOffset, HeaderValue.Length)..];

    /// <summary>Gets the hint for the key, allocating; used on failure paths only.</summary>
    public readonly string? Hint => HeaderValue is null ? null : KeyHint.For(Key);
}
