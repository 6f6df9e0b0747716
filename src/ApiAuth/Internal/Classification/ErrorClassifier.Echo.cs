using System.Text;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// What the server echoed of the credential (<c>Incorrect API key provided: sk-ant-a****Tq9A</c>,
/// <c>Your api key: ****_KEY is invalid</c>, <c>Received=${LM****KEY}</c>) says more than the status does:
/// another vendor's key, a placeholder, a variable's name, a key wrapped in quotes, a field name or a URL.
/// Masked echoes show only a few characters; the judgement uses only what is visible.
/// </summary>
internal static partial class ErrorClassifier
{
    /// <summary>Where servers put the echoed key, most specific first.</summary>
    private static readonly string[] EchoMarkers = ["provided:", "received api key =", "received=", "received:", "api key:", "apikey:", "token:", "key:"];

    /// <summary>Fragments of template values that are never part of a real key.</summary>
    private static readonly string[] PlaceholderFragments = ["your", "dummy", "xxxx", "placeholder", "changeme", "change_me", "change-me", "example", "insert", "replace", "_here", "-here", "fake", "<", ">"];

#if NET9_0_OR_GREATER
    /// <summary>The fragments above, searched at once (issue 15: fifteen case-insensitive searches were ~6% of a 401's time).</summary>
    private static readonly System.Buffers.SearchValues<string> AnyPlaceholderFragment = System.Buffers.SearchValues.Create(PlaceholderFragments, StringComparison.OrdinalIgnoreCase);
#endif

    /// <summary>Endings of variable names and template values (YOUR_API_KEY_HERE, OPENAI_API_KEY, HF_TOKEN) that a masked echo may still show.</summary>
    private static readonly string[] NameEndings = ["_KEY", "HERE", "TOKEN", "SECRET"];

    private const string WrongProviderTemplate =
        "{Host} received {Detail}, which {Provider} does not accept. Put a key issued by {Provider} ({KeysUrl}) into {EnvVar} (or the setting your client reads), or point the client at the service that issued the key it sent.";

    private const string MalformedEchoTemplate =
        "{Host} received the key as {Detail}. Set {EnvVar} to the bare key from {KeysUrl}, with nothing around it: no quotation marks, no 'name:' prefix, no template braces, no URL.";

    private const string PlaceholderEchoTemplate =
        "{Host} received {Detail}, not a real key. Put the key from {KeysUrl} into {EnvVar} and make sure the value is loaded (not its name or a template) before the client is created.";

    /// <summary>
    /// How a remediation names the key when the classifier never saw it (an offline classification of a saved body): the
    /// CLI's <c>explain</c> replaces exactly this text when the server's echo shows the key's last characters.
    /// </summary>
    internal const string UnknownKeyText = "the key you sent";

    /// <summary>How many of the key's last characters a masked echo must show to name the key by them (as a key hint does).</summary>
    private const int EchoedEndingLength = 4;

    /// <summary>
    /// Finds the last characters of the key that a server's masked echo shows (<c>sk-proj-********Zq7x</c> gives
    /// <c>Zq7x</c>), anywhere in its message. Only an ending of exactly <see cref="EchoedEndingLength"/> key characters
    /// right after a run of at least three asterisks counts, and never the end of a variable's name (<c>****_KEY</c>).
    /// </summary>
    /// <param name="message">The server's message (already redacted: a masked echo survives redaction).</param>
    /// <returns>The echoed ending, or <see langword="null"/>.</returns>
    internal static string? EchoedKeyEnding(string? message)
    {
        if (message is null)
        {
            return null;
        }

        int start = 0;
        int stars;
        while ((stars = message.IndexOf("***", start, StringComparison.Ordinal)) >= 0)
        {
            start = stars + 3;
            while (start < message.Length && message[start] == '*')
            {
                start++;
            }

            int end = start;
            while (end < message.Length && KeyCharacters.InRun(message[end]))
            {
                end++;
            }

            if (end - start != EchoedEndingLength)
            {
                continue;
            }

            int head = stars;
            while (head > 0 && (KeyCharacters.InRun(message[head - 1]) || message[head - 1] is '*' or '.' or '…'))
            {
                head--;
            }

            ReadOnlySpan<char> tail = message.AsSpan(start, end - start);
            ReadOnlySpan<char> visibleHead = message.AsSpan(head, stars - head).TrimEnd("*….");
            if (!LooksLikeName(visibleHead, tail))
            {
                return tail.ToString();
            }
        }

        return null;
    }

    /// <summary>Finds a key the server echoed back (<c>Incorrect API key provided: sk-ant-…</c>).</summary>
    /// <param name="message">The server's message.</param>
    /// <returns>The echoed token, or <see langword="null"/>.</returns>
    internal static string? EchoedKey(string message)
    {
        foreach (string marker in EchoMarkers)
        {
            int at = message.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            ReadOnlySpan<char> rest = message.AsSpan(at + marker.Length).TrimStart();
            int end = rest.IndexOfAny(" \t\r\n,");
            ReadOnlySpan<char> token = (end < 0 ? rest : rest[..end]).TrimEnd('.');
            if (!token.IsEmpty && token.Length <= 512)
            {
                return token.ToString();
            }
        }

        return null;
    }

    /// <summary>Judges an echoed credential: another vendor's key, a placeholder, or a key with junk around it.</summary>
    private static Refinement? JudgeEcho(ProviderProfile profile, string echo)
    {
        // Junk around a key: quotes, a field name, a URL, template braces.
        if (echo[0] is '"' or '\'' or '`')
        {
            string inner = echo.Trim('"', '\'', '`');
            return IsPlaceholder(inner)
                ? Placeholder($"a placeholder ('{ShowPlaceholder(inner)}')")
                : new Refinement(AuthFailureCause.MalformedKey, $"a quoted string ({Shorten(echo)}): the quotation marks were sent as part of it", MalformedEchoTemplate);
        }

        if (echo.Length > 2 && echo[0] == '<' && echo[^1] == '>' && LooksLikeKey(echo[1..^1]))
        {
            // A real key (or its masked echo) inside angle brackets: the brackets of a "<your key>" template were kept.
            return new Refinement(AuthFailureCause.MalformedKey, $"angle brackets around it ({Shorten(echo)}): remove the < and > that were sent as part of the key", MalformedEchoTemplate);
        }

        if (IsModelName(echo))
        {
            return new Refinement(AuthFailureCause.MalformedKey, $"a model name ('{Shorten(echo)}') where the key belongs: the model and the key were swapped, or the key variable holds the model", MalformedEchoTemplate);
        }

        if (echo.EndsWith(':'))
        {
            return new Refinement(AuthFailureCause.MalformedKey, $"'{Shorten(echo)} …': a field name was sent in front of it", MalformedEchoTemplate);
        }

        if (echo.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || echo.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new Refinement(AuthFailureCause.MalformedKey, "a URL (the base address or a link was put where the key belongs)", MalformedEchoTemplate);
        }

        if (echo.Contains("${", StringComparison.Ordinal) || echo.Contains("{{", StringComparison.Ordinal) || echo[0] == '{' || echo[^1] == '}' || (echo[0] == '%' && echo[^1] == '%'))
        {
            string inner = echo.Trim('$', '{', '}', '%', ' ');
            return KeyFormats.Match(inner) is not null && inner.Length >= 8
                ? new Refinement(AuthFailureCause.MalformedKey, $"a template ({Shorten(echo)}) wrapped around it: the braces were sent as part of the key", MalformedEchoTemplate)
                : Placeholder($"an unfilled template ('{ShowPlaceholder(echo)}')");
        }

        if (IsPlaceholder(echo))
        {
            return Placeholder($"a placeholder ('{ShowPlaceholder(echo)}')");
        }

        SplitMasked(echo, out ReadOnlySpan<char> head, out ReadOnlySpan<char> tail, out bool masked);
        if (masked && LooksLikeName(head, tail))
        {
            return Placeholder($"'{Shorten(echo)}', which looks like the name of a variable or a template value (YOUR_API_KEY…)");
        }

        if (profile.IsUnknownService)
        {
            return null;
        }

        KeyFormat? foreign = KeyFormats.Match(echo);
        if (foreign is null && masked && head.Length >= 2)
        {
            foreign = UniqueFormatStartingWith(head);
        }

        if (foreign is { Unmistakable: true } && !profile.IsOwnVendor(foreign.Vendor))
        {
            return new Refinement(AuthFailureCause.WrongProviderKey, $"{Article.With(foreign.VendorName)} key ({foreign.Prefix}…, as its echo '{Shorten(echo)}' shows)", WrongProviderTemplate);
        }

        return null;
    }

    /// <summary>A placeholder is not a secret, so it is shown as sent (masks collapsed), unless it is long enough to be one.</summary>
    private static string ShowPlaceholder(string value) => value.Length <= 32 ? CollapseMasks(value) : Shorten(value);

    private static Refinement Placeholder(string detail) => new(AuthFailureCause.PlaceholderKey, detail, PlaceholderEchoTemplate);

    /// <summary>Model families' names as the providers publish them: an echo that is one of these is a model id, never a key.</summary>
    private static readonly string[] ModelFamilies = ["gpt-", "gpt4", "claude", "gemini", "llama", "mistral", "mixtral", "deepseek", "qwen", "text-embedding", "dall-e", "whisper", "o1-", "o3-", "o4-mini"];

    /// <summary>Gets a value indicating whether an echo is a model id (unmasked, short, starting with a model family's name).</summary>
    private static bool IsModelName(string echo)
    {
        if (echo.Length > 48 || echo.Contains('*', StringComparison.Ordinal) || echo.Contains('…', StringComparison.Ordinal)
            || echo.Contains("key", StringComparison.OrdinalIgnoreCase) || echo.Contains("token", StringComparison.OrdinalIgnoreCase) || echo.Contains("api", StringComparison.OrdinalIgnoreCase))
        {
            // Masked, or a variable's name ("GEMINI_API_KEY"): not a model id.
            return false;
        }

        foreach (string family in ModelFamilies)
        {
            if (echo.StartsWith(family, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets a value indicating whether an echo is a key (or a masked key) of a known format, not a placeholder.</summary>
    private static bool LooksLikeKey(string value)
    {
        if (value.Length < 8 || IsPlaceholder(value))
        {
            return false;
        }

        if (KeyFormats.Match(value) is not null)
        {
            return true;
        }

        SplitMasked(value, out ReadOnlySpan<char> head, out ReadOnlySpan<char> tail, out bool masked);
        return masked && head.Length >= 2 && !LooksLikeName(head, tail) && UniqueFormatStartingWith(head) is not null;
    }

    private static bool IsPlaceholder(string value)
    {
        if (PlaceholderWords.Contains(value))
        {
            return true;
        }

#if NET9_0_OR_GREATER
        if (value.AsSpan().IndexOfAny(AnyPlaceholderFragment) >= 0)
        {
            return true;
        }
#else
        foreach (string fragment in PlaceholderFragments)
        {
            if (value.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
#endif

        // An environment variable's name sent instead of its value (OPENAI_API_KEY).
        return value.Length >= 5 && value.Contains('_') && IsUpperName(value) && EndsWithName(value);
    }

    /// <summary>Splits a masked echo into the characters shown before and after the mask (<c>sk-ant-a</c> and <c>Tq9A</c>).</summary>
    private static readonly System.Buffers.SearchValues<char> MaskChars = System.Buffers.SearchValues.Create("*…");
    private static readonly System.Buffers.SearchValues<char> MaskOrDotChars = System.Buffers.SearchValues.Create("*….");

    private static void SplitMasked(string echo, out ReadOnlySpan<char> head, out ReadOnlySpan<char> tail, out bool masked)
    {
        int first = echo.AsSpan().IndexOfAny(MaskChars);
        int dots = echo.IndexOf("...", StringComparison.Ordinal);
        if (first < 0 || (dots >= 0 && dots < first))
        {
            first = dots;
        }

        if (first < 0)
        {
            head = echo;
            tail = default;
            masked = false;
            return;
        }

        int last = echo.AsSpan().LastIndexOfAny(MaskOrDotChars);
        head = echo.AsSpan(0, first);
        tail = echo.AsSpan(last + 1);
        masked = true;
    }

    /// <summary>A masked echo whose visible characters are upper case and end like a variable name (XA***EY, YO***RE, ****_KEY).</summary>
    private static bool LooksLikeName(ReadOnlySpan<char> head, ReadOnlySpan<char> tail)
    {
        if (tail.Length < 2 || !IsUpperName(head) || !IsUpperName(tail))
        {
            return false;
        }

        foreach (string ending in NameEndings)
        {
            if (ending.AsSpan().EndsWith(tail, StringComparison.Ordinal) || tail.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUpperName(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsWithName(string value)
    {
        foreach (string ending in NameEndings)
        {
            if (value.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The format whose prefix starts with the few characters a mask left visible (<c>gs</c> of <c>gsk_</c>), when only one vendor's does.</summary>
    private static KeyFormat? UniqueFormatStartingWith(ReadOnlySpan<char> head)
    {
        KeyFormat? found = null;
        foreach (KeyFormat format in KeyFormats.All)
        {
            if (!format.Prefix.AsSpan().StartsWith(head, StringComparison.Ordinal))
            {
                continue;
            }

            if (found is not null && found.Vendor != format.Vendor)
            {
                return null;
            }

            found = format.Unmistakable ? found ?? format : null;
            if (found is null)
            {
                return null;
            }
        }

        return found;
    }

    /// <summary>A short, secret-free rendering of an echo: masks collapse to <c>***</c>; a long unmasked value shows only its hint.</summary>
    private static string Shorten(string echo)
    {
        bool masked = echo.AsSpan().ContainsAny(MaskChars) || echo.Contains("...", StringComparison.Ordinal);
        if (!masked && echo.Length >= KeyHint.MinLengthForSuffix)
        {
            return KeyHint.For(echo.Trim('"', '\'', '`', '$', '{', '}'));
        }

        return CollapseMasks(echo);
    }

    private static string CollapseMasks(string echo)
    {
        var sb = new StringBuilder(Math.Min(echo.Length, 64));
        bool inMask = false;
        foreach (char c in echo)
        {
            if (c == '*')
            {
                if (!inMask)
                {
                    sb.Append("***");
                }

                inMask = true;
                continue;
            }

            inMask = false;
            sb.Append(c);
            if (sb.Length >= 60)
            {
                sb.Append('…');
                break;
            }
        }

        return sb.ToString();
    }
}
