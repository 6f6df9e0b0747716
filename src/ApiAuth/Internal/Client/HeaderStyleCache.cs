namespace ApiAuth.Internal;

/// <summary>
/// The <c>Authorization</c> style a client's code uses, learned from its requests and re-learned every
/// <see cref="RelearnEvery"/> + 1 requests so a client that changes style is followed. It describes the app's code, not its
/// configuration, so it survives an options reload.
/// </summary>
internal sealed class HeaderStyleCache
{
    /// <summary>The style is re-learned every this many requests plus one (a power of two minus one, used as a mask).</summary>
    public const int RelearnEvery = 1023;

    private int _counter;

    /// <summary>Gets the learned style, counting the request; every 1,024th request it is forgotten and learned anew.</summary>
    /// <returns>The style to read the header with.</returns>
    public AuthorizationStyle Next()
    {
        // Racy by design: the counter only paces re-learning.
        if ((++_counter & RelearnEvery) == 0)
        {
            Style = AuthorizationStyle.Unknown;
        }

        return Style;
    }

    /// <summary>Gets or sets the learned style.</summary>
    public AuthorizationStyle Style { get; set; }
}
