namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// Bugs the hardening suites found in src/ApiAuth that are not fixed yet. Each has its own failing regression test
/// (named in the comment); while it is open, the random suites step around it so they keep finding new problems.
/// Set a flag to <see langword="false"/> when the fix lands.
/// </summary>
internal static class KnownBugs
{
    /// <summary>
    /// <see cref="AuthFailure.RequestId"/> and <see cref="AuthFailure.ErrorCode"/> are taken from the response verbatim (only
    /// clipped), so a server that echoes the key in <c>x-request-id</c> or in the body's <c>code</c> puts it into the failure,
    /// the exception message, <c>ToString()</c> and the log. Regression tests: <c>SecrecyTests.*_Issue7</c>.
    /// </summary>
    public static bool RequestIdAndErrorCodeNotRedacted { get; }

    /// <summary>
    /// The redactor URL-decodes server text before looking for the key but does not decode JSON <c>\uXXXX</c> escapes, so a key
    /// echoed escaped in a body that is not valid JSON (or in a WWW-Authenticate parameter) reaches <see cref="AuthFailure.ServerMessage"/>
    /// escaped, which is the key to anyone who reads it. Regression test: <c>SecrecyTests.ServerMessage_KeyEchoedAsJsonEscapesInText_IsRedacted_Issue7</c>.
    /// </summary>
    public static bool JsonEscapesInTextNotDecoded { get; }

    /// <summary>
    /// An echoed credential is quoted into the remediation (<c>ErrorClassifier.JudgeEcho</c> / <c>Shorten</c>) without being redacted
    /// against the sent key: a masked echo keeps all its unmasked characters (up to 60), so a hostile echo
    /// <c>sk-ant-a***&lt;32 key characters&gt;***Tq9A</c> or a placeholder with key characters inside (<c>your_api&lt;key run&gt;_key_here</c>)
    /// puts the key, or more of it than the hint, into <see cref="AuthFailure.Remediation"/>, the message and the log. Regression test: <c>SecrecyTests.Remediation_MaskedEchoCarryingTheKey_IsRedacted_Issue7</c>.
    /// </summary>
    public static bool MaskedEchoQuotedVerbatim { get; }

    /// <summary>The texts the random suites ignore while the bugs above are open.</summary>
    /// <remarks>While <see cref="MaskedEchoQuotedVerbatim"/> is open the whole remediation is cut out: hostile echoes take too many forms to cut precisely.</remarks>
    public static string?[] Ignored(AuthFailure? failure) => failure is null ? [] :
    [
        RequestIdAndErrorCodeNotRedacted ? failure.RequestId : null,
        RequestIdAndErrorCodeNotRedacted ? failure.ErrorCode : null,
        MaskedEchoQuotedVerbatim ? failure.Remediation : null,
    ];

    /// <summary>Cuts quoted masked echoes out of a text while <see cref="MaskedEchoQuotedVerbatim"/> is open.</summary>
    public static string WithoutMaskedEchoes(string text) =>
        MaskedEchoQuotedVerbatim
            ? System.Text.RegularExpressions.Regex.Replace(text, @"'[^']*'|\([^()]*[*…][^()]*\)", "<quoted echo>")
            : text;
}
