namespace ApiAuth.Internal;

/// <summary>What an error response says, whatever its format, reduced to the fields classification reads.</summary>
internal sealed class ErrorFacts
{
    /// <summary>Gets or sets the body's recognised format.</summary>
    public ErrorBodyFormat Format { get; set; }

    /// <summary>Gets or sets the human-readable message (not yet redacted).</summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets how specific the source of <see cref="Message"/> was (error object 3, root message 2, root error string 1).</summary>
    public int MessagePriority { get; set; }

    /// <summary>Gets or sets the machine code (<c>error.code</c>; numbers as text).</summary>
    public string? Code { get; set; }

    /// <summary>Gets or sets the error type (<c>error.type</c>).</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets a status word (<c>error.status</c> such as <c>PERMISSION_DENIED</c>).</summary>
    public string? Status { get; set; }

    /// <summary>Gets or sets a reason from structured details (<c>API_KEY_INVALID</c>).</summary>
    public string? Reason { get; set; }

    /// <summary>Gets or sets the request id found in the body.</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets the RFC 6750 <c>error</c> parameter of WWW-Authenticate.</summary>
    public string? AuthenticateError { get; set; }

    /// <summary>Gets or sets the RFC 6750 <c>error_description</c> parameter of WWW-Authenticate.</summary>
    public string? AuthenticateDescription { get; set; }

    /// <summary>Gets every code-like value, most specific first, for rule matching.</summary>
    public IEnumerable<string> Codes()
    {
        if (Reason is not null)
        {
            yield return Reason;
        }

        if (Code is not null)
        {
            yield return Code;
        }

        if (Type is not null)
        {
            yield return Type;
        }

        if (Status is not null)
        {
            yield return Status;
        }

        if (AuthenticateError is not null)
        {
            yield return AuthenticateError;
        }
    }

    /// <summary>Gets the most specific code to report as <see cref="AuthFailure.ErrorCode"/>.</summary>
    public string? PrimaryCode => Reason ?? Code ?? (Type is "invalid_request_error" or "error" ? null : Type) ?? Status ?? AuthenticateError ?? Type;

    /// <summary>Gets every text the server wrote, for message rules.</summary>
    public string AllText => string.Join(" | ", new[] { Message, AuthenticateDescription }.Where(static t => t is not null));
}

/// <summary>The shapes of error bodies ApiAuth recognises.</summary>
internal enum ErrorBodyFormat
{
    Empty,
    Json,
    ProblemJson,
    Html,
    Text,
    Unreadable,
}
