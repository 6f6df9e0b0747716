namespace ApiAuth.Internal;

/// <summary>What ApiAuth does about a client's redirects, decided from its final primary handler.</summary>
/// <param name="ApiAuthFollows">Whether ApiAuth follows redirects (it turned the primary handler's own following off).</param>
/// <param name="MaxRedirects">The redirection limit, taken from the primary handler.</param>
/// <param name="Problem">Why the primary handler's own following cannot be turned off, or <see langword="null"/>.</param>
internal readonly record struct RedirectDecision(bool ApiAuthFollows, int MaxRedirects, string? Problem)
{
    /// <summary>The primary handler returns redirects to its caller: ApiAuth leaves them alone too, as the pipeline without it would.</summary>
    public static RedirectDecision ReturnedToCaller => new(false, 0, null);

    /// <summary>ApiAuth follows redirects itself, up to <paramref name="maxRedirects"/> hops.</summary>
    /// <param name="maxRedirects">The limit.</param>
    /// <returns>The decision.</returns>
    public static RedirectDecision Follow(int maxRedirects) => new(true, maxRedirects, null);

    /// <summary>The primary handler follows redirects itself and ApiAuth cannot stop it.</summary>
    /// <param name="problem">Why, in words.</param>
    /// <returns>The decision.</returns>
    public static RedirectDecision Unsafe(string problem) => new(false, 0, problem);
}
