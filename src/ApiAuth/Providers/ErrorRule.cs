using System.Net;

namespace ApiAuth.Providers;

/// <summary>
/// One row of a provider's classification table: when every condition that is set holds, the
/// response has <see cref="Cause"/> (or, with <see cref="PassThrough"/>, is not about authentication).
/// </summary>
internal sealed class ErrorRule
{
    /// <summary>Quote characters: text after one is someone else's words.</summary>
    private static readonly System.Buffers.SearchValues<char> Quotes = System.Buffers.SearchValues.Create("\"'`\u2018\u2019\u201C\u201D\u00AB\u00BB");

    private readonly string[]? _messageContains;
#if NET9_0_OR_GREATER
    private readonly System.Buffers.SearchValues<string>? _fragments;
#endif

    /// <summary>Gets the cause this rule assigns.</summary>
    public AuthFailureCause Cause { get; init; }

    /// <summary>Gets a value indicating whether a match means "not an auth failure: hand the response back untouched".</summary>
    public bool PassThrough { get; init; }

    /// <summary>
    /// Gets where a match counts as positive evidence at 400 and 403 (at 401 every match counts). Defaults to
    /// <see cref="EvidenceScope.None"/>: a rule decides a 400/403 only when it says so.
    /// </summary>
    public EvidenceScope Evidence { get; init; }

    /// <summary>Gets the status code that must match, if any.</summary>
    public HttpStatusCode? Status { get; init; }

    /// <summary>Gets codes of which one must equal (ignoring case) the body's code, type, status or reason, if set.</summary>
    public string[]? Codes { get; init; }

    /// <summary>Gets fragments of which one must occur (ignoring case) in the server message, if set.</summary>
    public string[]? MessageContains
    {
        get => _messageContains;
        init
        {
            _messageContains = value;
#if NET9_0_OR_GREATER
            _fragments = value is { Length: > 0 } ? System.Buffers.SearchValues.Create(value, StringComparison.OrdinalIgnoreCase) : null;
#endif
        }
    }

    /// <summary>Gets a value indicating whether one of <see cref="MessageContains"/> occurs in the text, ignoring case.</summary>
    /// <param name="text">The server's text.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool MessageMatches(string text)
    {
        if (text.Length == 0 || _messageContains is null)
        {
            return false;
        }

#if NET9_0_OR_GREATER
        // One vectorized multi-string pass instead of one search per fragment.
        return text.AsSpan().ContainsAny(_fragments!);
#else
        foreach (string fragment in _messageContains)
        {
            if (text.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
#endif
    }

    /// <summary>Gets a remediation template overriding the profile's for <see cref="Cause"/>.</summary>
    public string? Remediation { get; init; }

    /// <summary>
    /// Gets a value indicating whether a match decides a response with this status (see <see cref="Evidence"/>): at 401 and
    /// for a pass-through rule always; at 400/403 only when the rule's scope counts for this service and, for wording
    /// without a code, the wording is the message's own statement, not the caller's content quoted back ("messages.0.content:
    /// text block 'Why does my app say invalid x-api-key?' …", a tool result, an MCP server's error relayed inside a
    /// validation message). It starts near the message's start — within <see cref="WordingLeadMax"/> characters for a
    /// provider's own wording, <see cref="PhraseLeadMax"/> for a phrase shared by services without a profile — with no quote
    /// character before it. A structured code is evidence wherever it is.
    /// </summary>
    /// <param name="status">The response status.</param>
    /// <param name="unprofiledService">Whether the service has no built-in profile of its own.</param>
    /// <param name="message">The server's message, if any.</param>
    /// <param name="description">The challenge's error description, if any.</param>
    /// <returns><see langword="true"/> when the rule may decide.</returns>
    public bool Decides(HttpStatusCode status, bool unprofiledService, string? message, string? description)
    {
        if (PassThrough || status == HttpStatusCode.Unauthorized)
        {
            return true;
        }

        if (!(Evidence == EvidenceScope.Always || (Evidence == EvidenceScope.UnprofiledService && unprofiledService)))
        {
            return false;
        }

        if (Codes is not null || _messageContains is null)
        {
            return true;
        }

        int lead = Evidence == EvidenceScope.UnprofiledService ? PhraseLeadMax : WordingLeadMax;
        return message is not null && LeadsMessage(message, lead) || description is not null && LeadsMessage(description, lead);
    }

    /// <summary>How far into a message a provider's own auth wording may start at 400/403 ("This organization has been disabled.").</summary>
    private const int WordingLeadMax = 64;

    /// <summary>How far into a message a shared auth phrase may start at 400/403 ("Error: invalid API key", "401 Unauthorized - invalid credentials").</summary>
    private const int PhraseLeadMax = 32;

    /// <summary>Whether one of <see cref="MessageContains"/> starts within <paramref name="maxLead"/> characters of the message's start with no quote character before it (a quoted phrase is someone else's words).</summary>
    private bool LeadsMessage(string message, int maxLead)
    {
        if (_messageContains is null || message.Length == 0)
        {
            return false;
        }

        foreach (string fragment in _messageContains)
        {
            int at = message.IndexOf(fragment, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && at <= maxLead && message.AsSpan(0, at).IndexOfAny(Quotes) < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Creates a rule that matches structured codes that only name an auth failure: evidence at every status.</summary>
    public static ErrorRule Code(AuthFailureCause cause, params string[] codes) => new() { Cause = cause, Codes = codes, Evidence = EvidenceScope.Always };

    /// <summary>Creates a rule that matches codes that also name errors that are not about the credential: it decides only a 401.</summary>
    public static ErrorRule AmbiguousCode(AuthFailureCause cause, params string[] codes) => new() { Cause = cause, Codes = codes };

    /// <summary>Creates a rule that matches the provider's own auth wording: evidence at every status (profile rules only).</summary>
    public static ErrorRule Message(AuthFailureCause cause, params string[] fragments) => new() { Cause = cause, MessageContains = fragments, Evidence = EvidenceScope.Always };

    /// <summary>Creates a rule that matches unambiguous auth phrases many services share: evidence at 400/403 only for services without a profile.</summary>
    public static ErrorRule Phrase(AuthFailureCause cause, params string[] fragments) => new() { Cause = cause, MessageContains = fragments, Evidence = EvidenceScope.UnprofiledService };

    /// <summary>Creates a rule that matches wording that also names errors that are not about the credential: it decides only a 401.</summary>
    public static ErrorRule Hint(AuthFailureCause cause, params string[] fragments) => new() { Cause = cause, MessageContains = fragments };

    /// <summary>Creates a pass-through rule that matches codes.</summary>
    public static ErrorRule NotAuthCode(params string[] codes) => new() { PassThrough = true, Codes = codes };

    /// <summary>Creates a pass-through rule that matches message fragments.</summary>
    public static ErrorRule NotAuthMessage(params string[] fragments) => new() { PassThrough = true, MessageContains = fragments };
}
