namespace ApiAuth.Internal;

/// <summary>
/// Wording that names its cause outright — a key revoked because it leaked, an account suspended for a terms violation, a
/// session or token that expired. Once a response is an authentication failure (decided by the rules, with positive evidence
/// at 400/403), such wording picks the cause over any code or status default: "PERMISSION_DENIED: Your API key was reported
/// as leaked" is a dead key, not a missing permission. The words never make a response an authentication failure by
/// themselves. Phrases come from the providers' and gateways' own messages (Google's leaked-key 403, OpenAI's and
/// Anthropic's suspension notices, OAuth servers' expiry descriptions) and are matched ignoring case.
/// </summary>
internal static class CauseWording
{
    /// <summary>The remediation for a key revoked because it leaked (seed cause 6).</summary>
    public const string LeakedTemplate =
        "{Provider} disabled the key {KeyHint} because it leaked (it was found in public, for example committed to a public GitHub repository or shipped in a client app); it will not work again. Create a new key at {KeysUrl} and update {EnvVar}, remove the old key from wherever it was committed (including the repository's history), and run `apiauth doctor` to find every place it is still stored.";

    /// <summary>The remediation for a message that names two causes at once ("invalid or expired").</summary>
    public const string EitherTemplate =
        "{Host} says the credential {KeyHint} is invalid or expired, without saying which. If it is a token, get a new one from its issuer and retry; if the new one fails too, the credential is wrong for this service: check it against {KeysUrl} and update {EnvVar}.";

    /// <summary>
    /// Wording that names two causes in one breath: the server does not know (or does not say) which, so neither is picked
    /// over the other, even where a code would default to one (Kong oauth2 plugin, kong/plugins/oauth2/access.lua: invalid_token
    /// "The access token is invalid or has expired"; Spring Security and many resource servers: "Invalid or expired access
    /// token"; Zhipu: 令牌已过期或验证不正确, "the token has expired or failed verification").
    /// </summary>
    private static readonly string[] EitherPhrases =
    [
        "invalid or expired", "invalid or has expired", "invalid or have expired", "invalid or may have expired", "invalid or is expired",
        "expired or invalid", "expired or is invalid",
        "已过期或", "或已过期",
    ];

    private static readonly (AuthFailureCause Cause, string[] Phrases, string? Template)[] Table =
    [
        (AuthFailureCause.InvalidKey, ["reported as leaked", "detected as leaked", "has been leaked", "was leaked", "been exposed publicly", "was exposed publicly", "exposed in a public", "found in a public", "publicly exposed", "leaked api key", "leaked key"], LeakedTemplate),
        (AuthFailureCause.AccountDisabled, ["violation of terms", "violation of our terms", "violation of the terms", "violating our terms", "violating the terms", "terms of service violation", "account has been suspended", "account is suspended", "account was suspended", "account suspended", "organization has been suspended", "has been banned", "账号已被封禁", "账户已被封禁"], null),
        (AuthFailureCause.ExpiredCredential, ["session expired", "session has expired", "session is expired", "token has expired", "token expired", "token is expired", "token is no longer valid", "credential has expired", "credentials have expired", "credentials expired", "key has expired", "key expired", "key is expired", "jwt expired", "jwt is expired", "令牌已过期"], null),
    ];

    /// <summary>Finds a cause the server's words name outright.</summary>
    /// <param name="text">Everything the server wrote (message and challenge description).</param>
    /// <param name="cause">The cause named.</param>
    /// <param name="template">The remediation template for it, or <see langword="null"/> for the profile's.</param>
    /// <returns><see langword="true"/> when the wording names a cause.</returns>
    public static bool TryName(string text, out AuthFailureCause cause, out string? template)
    {
        if (text.Length > 0 && MayStateAny(text))
        {
            foreach (string phrase in EitherPhrases)
            {
                if (States(text, phrase))
                {
                    cause = AuthFailureCause.Unknown;
                    template = EitherTemplate;
                    return true;
                }
            }

            foreach ((AuthFailureCause named, string[] phrases, string? namedTemplate) in Table)
            {
                foreach (string phrase in phrases)
                {
                    if (States(text, phrase))
                    {
                        cause = named;
                        template = namedTemplate;
                        return true;
                    }
                }
            }
        }

        cause = default;
        template = null;
        return false;
    }

#if NET9_0_OR_GREATER
    /// <summary>
    /// Every ASCII phrase above, searched at once (issue 15: one pass instead of one <c>IndexOf</c> per phrase). The others
    /// (Chinese, which has no case) are left to the per-phrase search whenever the window holds a non-ASCII character: a
    /// case-insensitive multi-string search with non-ASCII phrases is several times slower.
    /// </summary>
    private static readonly System.Buffers.SearchValues<string> AnyAsciiPhrase =
        System.Buffers.SearchValues.Create([.. AllPhrases().Where(static phrase => System.Text.Ascii.IsValid(phrase))], StringComparison.OrdinalIgnoreCase);

    /// <summary>The longest phrase, so the prefilter's window covers every phrase's own window in <see cref="States"/>.</summary>
    private static readonly int LongestPhrase = AllPhrases().Max(static phrase => phrase.Length);

    private static IEnumerable<string> AllPhrases() => EitherPhrases.Concat(Table.SelectMany(static row => row.Phrases));
#endif

    /// <summary>
    /// Gets a value indicating whether any phrase may occur where <see cref="States"/> looks for it: when none can, no phrase
    /// is stated and the per-phrase search is skipped (same answer; the usual 401 names no such cause). On .NET 8, which has
    /// no multi-string <c>SearchValues</c>, the per-phrase search always runs.
    /// </summary>
    private static bool MayStateAny(string text)
    {
#if NET9_0_OR_GREATER
        ReadOnlySpan<char> window = text.AsSpan(0, Math.Min(text.Length, StatementLeadMax + LongestPhrase));
        return !System.Text.Ascii.IsValid(window) || window.IndexOfAny(AnyAsciiPhrase) >= 0;
#else
        return true;
#endif
    }

    /// <summary>How far into a message its own statement of the cause may start.</summary>
    private const int StatementLeadMax = 160;

    /// <summary>Quote characters and the opening parenthesis: text after one is someone else's words or an aside.</summary>
    private static readonly System.Buffers.SearchValues<char> NotOwnWords = System.Buffers.SearchValues.Create("\"'`\u2018\u2019\u201C\u201D\u00AB\u00BB(");

    /// <summary>
    /// Gets a value indicating whether the text states the phrase as its own finding: near the start, with no quote or
    /// parenthesis before it (a quoted prompt, a model name, an aside), and not in a conditional ("If you believe your key was
    /// leaked, …"). Red-team finding: a bare substring search let quoted content and advice pick the cause.
    /// </summary>
    private static bool States(string text, string phrase)
    {
        // Only the window where a statement may start is searched: a match further in is rejected anyway (same answer, issue 15).
        int at = text.AsSpan(0, Math.Min(text.Length, StatementLeadMax + phrase.Length)).IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || at > StatementLeadMax || text.AsSpan(0, at).IndexOfAny(NotOwnWords) >= 0)
        {
            return false;
        }

        int sentence = text.AsSpan(0, at).LastIndexOfAny(".!?;") + 1;
        ReadOnlySpan<char> before = text.AsSpan(sentence, at - sentence).TrimStart();
        return !(before.StartsWith("if ", StringComparison.OrdinalIgnoreCase) || before.Contains(" if ", StringComparison.OrdinalIgnoreCase)
            || before.StartsWith("when ", StringComparison.OrdinalIgnoreCase) || before.Contains("note", StringComparison.OrdinalIgnoreCase)
            || before.Contains("hint", StringComparison.OrdinalIgnoreCase));
    }
}
