using System.Text;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Removes every echo of a credential from text a server wrote: the whole key, any run of it longer than the hint shows, a
/// short key whole, and anything shaped like a known vendor key — in whatever form the server wrote it (see
/// <see cref="RedactionText"/>: percent-, entity- and backslash-encoded, repeatedly; fullwidth; split by zero-width characters,
/// soft hyphens, spaces or tags). Matching runs on the normalized text; what is removed is the matching span of the original.
/// </summary>
internal static class SecretRedactor
{
    /// <summary>The longest server message kept, in characters.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>The longest part of a server text that is read (the body parser clips messages to the same length).</summary>
    public const int MaxInputLength = MaxMessageLength * 2;

    /// <summary>What replaces a partial echo of the key.</summary>
    public const string Redacted = "[REDACTED]";

    /// <summary>What replaces a whole message that cannot be judged (encoded more times than the decoder follows) or in which an echo survived redaction.</summary>
    public const string Withheld = "[the server's message was withheld: it contained the key]";

    private const byte Visible = 0;
    private const byte SharesKey = 1;
    private const byte KeyShaped = 2;

    /// <summary>Runs of key characters at least this long that start with a known key prefix are redacted.</summary>
    private const int MinKeyShapedRun = 16;

    /// <summary>Redacts <paramref name="text"/> of <paramref name="key"/> and of key-shaped tokens.</summary>
    /// <param name="text">The server's text.</param>
    /// <param name="key">The key that was sent, if any.</param>
    /// <returns>The redacted text, at most <see cref="MaxMessageLength"/> characters long.</returns>
    public static string Redact(string text, string? key) => RedactWith(text, KeyEchoMatcher.For(key), remember: false);

    /// <summary>Redacts <paramref name="text"/> of the key <paramref name="matcher"/> finds and of key-shaped tokens.</summary>
    /// <param name="text">The server's text.</param>
    /// <param name="matcher">The matcher for the key that was sent (<see cref="KeyEchoMatcher.For"/>), or <see langword="null"/> when none was.</param>
    /// <param name="remember">Whether a text with nothing to hide is remembered by the matcher (one the caller keeps).</param>
    /// <returns>The redacted text, at most <see cref="MaxMessageLength"/> characters long.</returns>
    public static string RedactWith(string text, KeyEchoMatcher? matcher, bool remember)
    {
        if (remember && matcher is not null && matcher.TryGetClean(KeyEchoMatcher.MessageSlot, text, out string known))
        {
            return known;
        }

        string whole = text;
        string? key = matcher?.Key;
        text = ServerText.Clip(text, MaxInputLength);

        RedactionText normalized = RedactionText.From(text);
        if (normalized.Unfinished)
        {
            // Encoded more times than the decoder follows: whatever it hides cannot be told, so none of it is kept.
            return Withheld;
        }

        byte[] hide = new byte[text.Length];
        if (matcher is not null)
        {
            var echoes = new List<(int Start, int End)>();
            matcher.FindAll(normalized, echoes);
            foreach ((int start, int end) in echoes)
            {
                hide.AsSpan(start..end).Fill(SharesKey);
            }
        }

        foreach (RedactionText view in normalized.Views())
        {
            MarkKeyShapedRuns(view, hide);
        }

        if (!hide.AsSpan().ContainsAnyExcept(Visible))
        {
            // Nothing to hide (the common case: providers mask keys themselves): no copy. Remembered for the next failure
            // with the same key when the whole text was read (a clipped tail was never judged).
            string clean = ServerText.Clip(text, MaxMessageLength, "…");
            if (remember && matcher is not null && ReferenceEquals(text, whole))
            {
                matcher.RememberClean(KeyEchoMatcher.MessageSlot, whole, clean);
            }

            return clean;
        }

        string result = Replace(text, normalized, hide, key);
        if (matcher is not null && matcher.Finds(RedactionText.From(result)))
        {
            // Not expected (every match is mapped back to its span); if it happens, nothing of the message is worth the key.
            return Withheld;
        }

        return ServerText.Clip(result, MaxMessageLength, "…");
    }

    /// <summary>
    /// Scrubs a server-supplied identifier (a request id, an error code): when it carries an echo of the sent key (in any form
    /// <see cref="Redact(string, string?)"/> recognises), or another secret (a vendor key, a JWT), it is replaced whole. Unlike
    /// <see cref="Redact(string, string?)"/>, other long tokens are kept, since ids look like keys.
    /// </summary>
    /// <param name="id">The identifier.</param>
    /// <param name="key">The key that was sent, if any.</param>
    /// <returns>The identifier, or <see cref="Redacted"/> (also for an identifier longer than <see cref="MaxInputLength"/>).</returns>
    public static string? RedactId(string? id, string? key) => id is null ? null : RedactIdWith(id, KeyEchoMatcher.For(key));

    /// <summary>Scrubs a server-supplied identifier of the key <paramref name="matcher"/> finds, and of other secrets (see <see cref="RedactId(string?, string?)"/>).</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="matcher">The matcher for the key that was sent, or <see langword="null"/> when none was.</param>
    /// <param name="remember">Whether an identifier with nothing to hide is remembered by the matcher (a repeated error code; not request ids, which differ every time).</param>
    /// <returns>The identifier, or <see cref="Redacted"/>.</returns>
    public static string? RedactIdWith(string? id, KeyEchoMatcher? matcher, bool remember = false)
    {
        if (id is null)
        {
            return null;
        }

        if (id.Length > MaxInputLength)
        {
            // No id or code is this long; scanning it all would let a hostile body set the cost.
            return Redacted;
        }

        if (remember && matcher is not null && matcher.TryGetClean(KeyEchoMatcher.CodeSlot, id, out string known))
        {
            return known;
        }

        // A plain id (req_…, a GUID, an error code) is its own normalized text: judged on the span, with nothing built.
        if (!id.AsSpan().ContainsAnyExcept(KeyCharacters.Clean) && (matcher is null ? false : matcher.FindsInPlain(id)) is { } echo)
        {
            return Conclude(id, matcher, remember, echo || HasVendorKey(id, text: null, breakAtSoft: false));
        }

        return RedactIdNormalized(id, matcher, remember);
    }

    /// <summary>
    /// <see cref="RedactIdWith"/> on the normalized text, for any identifier (the plain fast path above must agree with it;
    /// tests compare the two).
    /// </summary>
    /// <param name="id">The identifier.</param>
    /// <param name="matcher">The matcher for the key that was sent, or <see langword="null"/>.</param>
    /// <param name="remember">Whether a clean identifier is remembered by the matcher.</param>
    /// <returns>The identifier, or <see cref="Redacted"/>.</returns>
    internal static string RedactIdNormalized(string id, KeyEchoMatcher? matcher, bool remember)
    {
        RedactionText normalized = RedactionText.From(id);
        if (normalized.Unfinished)
        {
            return Redacted;
        }

        return Conclude(id, matcher, remember, matcher?.Finds(normalized) == true || normalized.Views().Any(HasVendorKey));
    }

    private static string Conclude(string id, KeyEchoMatcher? matcher, bool remember, bool hides)
    {
        if (hides)
        {
            return Redacted;
        }

        if (remember && matcher is not null)
        {
            matcher.RememberClean(KeyEchoMatcher.CodeSlot, id, id);
        }

        return id;
    }

    /// <summary>Gets a value indicating whether <paramref name="text"/> shows more of the key than its hint.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when an echo of the key's secret part appears, in any form <see cref="Redact(string, string?)"/> recognises.</returns>
    public static bool Leaks(string? text, string key) =>
        !string.IsNullOrEmpty(text) && KeyEchoMatcher.For(key) is { } matcher && RedactionText.From(text) is var normalized
        && (normalized.Unfinished || matcher.Finds(normalized));

    /// <summary>Copies the text with every hidden run replaced: the whole key by its hint, a part of it by <see cref="Redacted"/>, a vendor key by its own hint.</summary>
    private static string Replace(string text, RedactionText normalized, byte[] hide, string? key)
    {
        var sb = new StringBuilder(text.Length);
        int n = 0, m = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (hide[i] == Visible)
            {
                sb.Append(text[i]);
                i++;
                continue;
            }

            int start = i;
            bool sharesKey = false;
            while (i < text.Length && hide[i] != Visible)
            {
                sharesKey |= hide[i] == SharesKey;
                i++;
            }

            // What the hidden run says once normalized: without tags (is it the key?), and with them (a vendor key inside a tag).
            string run = Inside(normalized, ref n, start, i);
            string withTags = normalized.WithTags is { } view ? Inside(view, ref m, start, i) : run;
            if (!sharesKey)
            {
                sb.Append(KeyHint.For(withTags.Length > run.Length ? withTags : run));
            }
            else if (key is not null && run == key)
            {
                sb.Append(KeyHint.For(key));
            }
            else
            {
                sb.Append(Redacted);
            }
        }

        return sb.ToString();
    }

    /// <summary>Gets the normalized characters that stand for the original span [<paramref name="start"/>, <paramref name="end"/>), advancing <paramref name="n"/>.</summary>
    private static string Inside(RedactionText text, ref int n, int start, int end)
    {
        while (n < text.Length && text.Start(n) < start)
        {
            n++;
        }

        int first = n;
        while (n < text.Length && text.End(n) <= end)
        {
            n++;
        }

        return text.Chars[first..n].ToString();
    }

    /// <summary>Gets a value indicating whether a run in the text is unmistakably a vendor's key or a JSON Web Token.</summary>
    private static bool HasVendorKey(RedactionText text) => HasVendorKey(text.Chars, text, breakAtSoft: false) || HasVendorKey(text.Chars, text, breakAtSoft: true);

    /// <summary>Looks for a vendor key or JSON Web Token among the runs of <paramref name="chars"/>.</summary>
    /// <param name="chars">The characters.</param>
    /// <param name="text">Their normalized text, for its breaks; <see langword="null"/> for a plain text, which has none.</param>
    /// <param name="breakAtSoft">Whether a soft break ends a run.</param>
    private static bool HasVendorKey(ReadOnlySpan<char> chars, RedactionText? text, bool breakAtSoft)
    {
        int i = 0;
        while (NextRun(chars, text, ref i, out int start, allowDots: true, breakAtSoft))
        {
            ReadOnlySpan<char> run = chars[start..i];
            if (run.Length >= MinKeyShapedRun
                && (KeyFormats.Match(run) is { } format && run.Length >= format.Prefix.Length + (format.Unmistakable ? 12 : 16)
                    || run.StartsWith("eyJ", StringComparison.Ordinal) && run.Contains('.')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Hides runs shaped like a vendor key, read both ways: joined across tags and zero-width characters, and split by them.</summary>
    private static void MarkKeyShapedRuns(RedactionText text, byte[] hide)
    {
        MarkKeyShapedRuns(text, hide, breakAtSoft: false);
        MarkKeyShapedRuns(text, hide, breakAtSoft: true);
    }

    private static void MarkKeyShapedRuns(RedactionText text, byte[] hide, bool breakAtSoft)
    {
        int i = 0;
        while (NextRun(text.Chars, text, ref i, out int start, allowDots: false, breakAtSoft))
        {
            int length = i - start;
            if (length >= MinKeyShapedRun && LooksLikeSecret(text.Chars.Slice(start, length)))
            {
                Span<byte> span = hide.AsSpan(text.Start(start)..text.End(i - 1));
                for (int j = 0; j < span.Length; j++)
                {
                    if (span[j] == Visible)
                    {
                        span[j] = KeyShaped;
                    }
                }
            }
        }
    }

    private static bool LooksLikeSecret(ReadOnlySpan<char> run)
    {
        if (KeyFormats.Match(run) is { } format && run.Length >= format.Prefix.Length + 12)
        {
            return true;
        }

        if (run.StartsWith("eyJ", StringComparison.Ordinal) && run.Contains('.'))
        {
            return true;
        }

        // Long mixed-case alphanumeric runs with digits are keys (Azure's 32/84-character keys, bare tokens), not words or URLs.
        if (run.Length >= 32 && !run.Contains('/') && !run.Contains('.'))
        {
            bool upper = false, lower = false, digit = false;
            foreach (char c in run)
            {
                upper |= char.IsAsciiLetterUpper(c);
                lower |= char.IsAsciiLetterLower(c);
                digit |= char.IsAsciiDigit(c);
            }

            return digit && (upper || lower);
        }

        return false;
    }

    /// <summary>Finds the next run of key characters (and dots, for tokens such as JWTs) at or after <paramref name="i"/>; white space ends a run, and so does a soft break (a tag, a zero-width character) when asked.</summary>
    private static bool NextRun(ReadOnlySpan<char> chars, RedactionText? text, ref int i, out int start, bool allowDots, bool breakAtSoft)
    {
        while (i < chars.Length && !KeyCharacters.InRun(chars[i]))
        {
            i++;
        }

        start = i;
        if (i == chars.Length)
        {
            return false;
        }

        i++;
        while (i < chars.Length && !(text is not null && (breakAtSoft ? text.BreakBefore(i) : text.GapBefore(i))) && (KeyCharacters.InRun(chars[i]) || allowDots && chars[i] == '.'))
        {
            i++;
        }

        return true;
    }
}
