using System.Net;

namespace ApiAuth.Providers;

/// <summary>
/// One row of a provider's classification table: when every condition that is set holds, the
/// response has <see cref="Cause"/> (or, with <see cref="PassThrough"/>, is not about authentication).
/// </summary>
internal sealed class ErrorRule
{
    /// <summary>Gets the cause this rule assigns.</summary>
    public AuthFailureCause Cause { get; init; }

    /// <summary>Gets a value indicating whether a match means "not an auth failure: hand the response back untouched".</summary>
    public bool PassThrough { get; init; }

    /// <summary>Gets the status code that must match, if any.</summary>
    public HttpStatusCode? Status { get; init; }

    /// <summary>Gets codes of which one must equal (ignoring case) the body's code, type, status or reason, if set.</summary>
    public string[]? Codes { get; init; }

    /// <summary>Gets fragments of which one must occur (ignoring case) in the server message, if set.</summary>
    public string[]? MessageContains { get; init; }

    /// <summary>Gets a remediation template overriding the profile's for <see cref="Cause"/>.</summary>
    public string? Remediation { get; init; }

    /// <summary>Creates a rule that matches codes.</summary>
    public static ErrorRule Code(AuthFailureCause cause, params string[] codes) => new() { Cause = cause, Codes = codes };

    /// <summary>Creates a rule that matches message fragments.</summary>
    public static ErrorRule Message(AuthFailureCause cause, params string[] fragments) => new() { Cause = cause, MessageContains = fragments };

    /// <summary>Creates a pass-through rule that matches codes.</summary>
    public static ErrorRule NotAuthCode(params string[] codes) => new() { PassThrough = true, Codes = codes };

    /// <summary>Creates a pass-through rule that matches message fragments.</summary>
    public static ErrorRule NotAuthMessage(params string[] fragments) => new() { PassThrough = true, MessageContains = fragments };
}
