namespace ApiAuth.Internal;

/// <summary>How a client's code sets its <c>Authorization</c> header, which decides the cheaper way to read it.</summary>
internal enum AuthorizationStyle
{
    /// <summary>Not learned yet (or due to be learned again).</summary>
    Unknown,

    /// <summary>Set as a raw string (the SDKs do): the same string comes back on every read.</summary>
    Raw,

    /// <summary>Set typed (<c>DefaultRequestHeaders.Authorization</c>): read through the typed getter, which formats nothing.</summary>
    Typed,
}
