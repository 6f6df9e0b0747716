namespace ApiAuth.Internal;

/// <summary>The credential policy's rules, in the order they are applied (ARCHITECTURE.md, step 2).</summary>
internal enum PolicyRule
{
    /// <summary>No rule refused the request.</summary>
    None,

    /// <summary>Rule 1: the credential in the profile's place, a misplaced key, the query parameter or the configured key.</summary>
    Credential,

    /// <summary>Rule 2: every other carrier, request and content headers.</summary>
    OtherCarriers,

    /// <summary>Rule 3: a bearer token's expiry.</summary>
    Expiry,

    /// <summary>Rule 4: plain http and <c>AllowedHosts</c>.</summary>
    Endpoint,

    /// <summary>Rule 5: organization and project ids.</summary>
    AccountIds,
}
