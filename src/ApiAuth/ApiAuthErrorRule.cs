namespace ApiAuth;

/// <summary>
/// One classification rule of a custom provider profile: when every condition set holds, the response has
/// <see cref="Cause"/>, or, with <see cref="PassThrough"/>, is not an authentication failure at all.
/// </summary>
/// <remarks>
/// A custom rule is the application's own evidence about its service: a match decides a 400 or 403 as well as a 401.
/// Built-in rules decide a 400 or 403 only on positive evidence (a structured code, the provider's own wording);
/// write a custom rule for a gateway that reports an auth failure at 400/403 in words ApiAuth does not know.
/// </remarks>
public sealed class ApiAuthErrorRule
{
    /// <summary>Gets or sets the cause a match assigns.</summary>
    public AuthFailureCause Cause { get; set; } = AuthFailureCause.Unknown;

    /// <summary>Gets or sets a value indicating whether a match means the response is not about authentication and passes through untouched.</summary>
    public bool PassThrough { get; set; }

    /// <summary>Gets or sets the status code that must match, if any.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Gets codes of which one must equal (ignoring case) the body's error code, type or status.</summary>
    public IList<string> Codes { get; } = new List<string>();

    /// <summary>Gets fragments of which one must occur (ignoring case) in the server's message.</summary>
    public IList<string> MessageContains { get; } = new List<string>();

    /// <summary>Gets or sets a remediation text for matches (tokens such as <c>{KeyHint}</c>, <c>{EnvVar}</c>, <c>{Host}</c> are filled in).</summary>
    public string? Remediation { get; set; }
}
