namespace ApiAuth.Internal;

/// <summary>
/// Whether ApiAuth follows a client's redirects itself, and its limit: decided by <see cref="RedirectSafetyFilter"/> from the
/// primary handler each time the factory builds the client's pipeline. It describes the primary handler, not the options, so
/// an options reload leaves it alone.
/// </summary>
internal sealed class RedirectSetup
{
    /// <summary>Gets or sets a value indicating whether ApiAuth turned the primary handler's automatic redirects off and follows them itself.</summary>
    public bool FollowsRedirects { get; set; }

    /// <summary>Gets or sets the redirection limit taken from the primary handler.</summary>
    public int MaxRedirects { get; set; } = 50;
}
