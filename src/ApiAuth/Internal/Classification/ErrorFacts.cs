namespace ApiAuth.Internal;

/// <summary>What an error response says, whatever its format, reduced to the fields classification reads.</summary>
internal sealed class ErrorFacts
{
    private string? _allText;

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

    /// <summary>
    /// Gets or sets the upstream provider's own error body that a gateway carried as a string (OpenRouter's
    /// <c>error.metadata.raw</c>, or its <c>raw.data</c>), not yet parsed; read by <see cref="UpstreamError"/>.
    /// </summary>
    public string? UpstreamRaw { get; set; }

    /// <summary>
    /// Gets or sets the upstream provider a gateway names next to its error (OpenRouter's <c>error.metadata.provider_name</c>,
    /// Portkey's root <c>provider</c>).
    /// </summary>
    public string? UpstreamProvider { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the server sent a <c>Bearer</c> challenge without an <c>error</c>
    /// parameter, which RFC 6750 §3.1 reserves for requests that carried no credential.
    /// </summary>
    public bool BareBearerChallenge { get; set; }

    /// <summary>Gets a value indicating whether any code-like value (reason, code, type, status, challenge error) equals <paramref name="code"/>, ignoring case.</summary>
    /// <param name="code">The code to look for.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool HasCode(string code) =>
        string.Equals(Reason, code, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Code, code, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Type, code, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Status, code, StringComparison.OrdinalIgnoreCase)
        || string.Equals(AuthenticateError, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets a value indicating whether any code-like value contains <paramref name="fragment"/>, ignoring case.</summary>
    /// <param name="fragment">The fragment.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool CodeContains(string fragment) =>
        Contains(Reason, fragment) || Contains(Code, fragment) || Contains(Type, fragment) || Contains(Status, fragment) || Contains(AuthenticateError, fragment);

    /// <summary>
    /// Gets the most specific code to report as <see cref="AuthFailure.ErrorCode"/>: a structured reason, then a
    /// code that is a word (not an HTTP status echo or a generic type), then such a type, then a status word, then
    /// the challenge's error, then whatever number or type there is.
    /// </summary>
    public string? PrimaryCode =>
        Reason
        ?? Specific(Code)
        ?? Specific(Type)
        ?? (Status is { Length: > 0 } && !ServerText.IsNumber(Status) ? Status : null)
        ?? AuthenticateError
        ?? NonEmpty(Code)
        ?? NonEmpty(Type);

    /// <summary>Gets every text the server wrote (message and challenge description), for message rules.</summary>
    public string AllText => _allText ??= (Message, AuthenticateDescription) switch
    {
        (null, null) => string.Empty,
        (string m, null) => m,
        (null, string d) => d,
        (string m, string d) => string.Concat(m, " | ", d),
    };

    private static string? Specific(string? value) =>
        NonEmpty(value) is { } word && !ServerText.IsNumber(word) && word is not ("invalid_request_error" or "error" or "Error") ? word : null;

    /// <summary>A value that says something: LiteLLM writes Python's <c>None</c> as the string "None" for an absent type or param.</summary>
    private static string? NonEmpty(string? value) => value is { Length: > 0 } and not ("None" or "null") ? value : null;

    private static bool Contains(string? value, string fragment) => value is not null && value.Contains(fragment, StringComparison.OrdinalIgnoreCase);
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
