using System.Text;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Removes every echo of a credential from text a server wrote: the whole key, any run of it
/// longer than the hint shows, URL-encoded forms, and anything shaped like a known vendor key.
/// </summary>
internal static class SecretRedactor
{
    /// <summary>The longest server message kept, in characters.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>What replaces a partial echo of the key.</summary>
    public const string Redacted = "[REDACTED]";

    private const byte Visible = 0;
    private const byte SharesKey = 1;
    private const byte KeyShaped = 2;

    /// <summary>Runs of the key at least this long are redacted wherever they appear.</summary>
    private const int MinSharedRun = 6;

    /// <summary>Runs of key characters at least this long that start with a known key prefix are redacted.</summary>
    private const int MinKeyShapedRun = 16;

    /// <summary>Redacts <paramref name="text"/> of <paramref name="key"/> and of key-shaped tokens.</summary>
    /// <param name="text">The server's text.</param>
    /// <param name="key">The key that was sent, if any.</param>
    /// <returns>The redacted text, at most <see cref="MaxMessageLength"/> characters long.</returns>
    public static string Redact(string text, string? key)
    {
        text = Normalize(text);
        if (text.Length > MaxMessageLength * 2)
        {
            text = text[..(MaxMessageLength * 2)];
        }

        Span<byte> hide = text.Length <= 2048 ? stackalloc byte[text.Length] : new byte[text.Length];
        hide.Clear();
        if (!string.IsNullOrEmpty(key) && key.Length >= MinSharedRun)
        {
            MarkSharedRuns(text, key, hide);
        }

        MarkKeyShapedRuns(text, hide);
        if (!hide.ContainsAnyExcept(Visible))
        {
            // Nothing to hide (the common case: providers mask keys themselves): no copy.
            return text.Length > MaxMessageLength ? string.Concat(text.AsSpan(0, MaxMessageLength - 1), "…") : text;
        }

        var sb = new StringBuilder(text.Length);
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

            ReadOnlySpan<char> run = text.AsSpan(start, i - start);
            if (!sharesKey)
            {
                sb.Append(KeyHint.For(run));
            }
            else if (key is not null && run.SequenceEqual(key))
            {
                sb.Append(KeyHint.For(key));
            }
            else
            {
                sb.Append(Redacted);
            }
        }

        string result = sb.ToString();
        return result.Length > MaxMessageLength ? string.Concat(result.AsSpan(0, MaxMessageLength - 1), "…") : result;
    }

    /// <summary>
    /// Scrubs a server-supplied identifier (a request id, an error code): when it carries any run of the sent key, or
    /// another secret (a vendor key, a JWT), in plain, URL-encoded or JSON-escaped form, it is replaced whole. Unlike
    /// <see cref="Redact"/>, other long tokens are kept, since ids look like keys.
    /// </summary>
    /// <param name="id">The identifier.</param>
    /// <param name="key">The key that was sent, if any.</param>
    /// <returns>The identifier, or <see cref="Redacted"/>.</returns>
    public static string? RedactId(string? id, string? key)
    {
        if (id is null)
        {
            return null;
        }

        string normalized = Normalize(id);
        bool hasKey = !string.IsNullOrEmpty(key) && key.Length >= MinSharedRun
            && (Leaks(normalized, key) || normalized.Contains(key, StringComparison.Ordinal));
        return hasKey || HasVendorKey(normalized) ? Redacted : id;
    }

    /// <summary>Gets a value indicating whether a run in the text is unmistakably a vendor's key or a JSON Web Token.</summary>
    private static bool HasVendorKey(string text)
    {
        int i = 0;
        while (NextRun(text, ref i, out int start, allowDots: true))
        {
            ReadOnlySpan<char> run = text.AsSpan(start, i - start);
            if (run.Length >= MinKeyShapedRun
                && (KeyFormats.Match(run) is { } format && run.Length >= format.Prefix.Length + (format.Unmistakable ? 12 : 16)
                    || run.StartsWith("eyJ", StringComparison.Ordinal) && run.Contains('.')))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string text)
    {
        if (text.Contains('%', StringComparison.Ordinal))
        {
            try
            {
                text = Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                // Keep it as it is.
            }
        }

        return text.Contains("\\u", StringComparison.OrdinalIgnoreCase) ? UnescapeJson(text) : text;
    }

    /// <summary>Gets a value indicating whether <paramref name="text"/> shows more of the key than its hint.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when a run of <see cref="MinSharedRun"/> key characters outside the public prefix appears.</returns>
    public static bool Leaks(string? text, string key)
    {
        if (string.IsNullOrEmpty(text) || key.Length < MinSharedRun)
        {
            return false;
        }

        // Every window of the text is looked up in the key (the key is short; texts here are ids, codes and messages).
        int secretStart = KeyHint.PublicPrefix(key).Length;
        int secretEnd = key.Length - 4;
        for (int i = 0; i + MinSharedRun <= text.Length; i++)
        {
            if (IsKeyChar(text[i]) && WindowInKey(text.AsSpan(i, MinSharedRun), key, secretStart, secretEnd))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gets a value indicating whether the window occurs in the key overlapping its secret part
    /// (<paramref name="secretStart"/> to <paramref name="secretEnd"/>: after the public prefix, before the last four).
    /// </summary>
    private static bool WindowInKey(ReadOnlySpan<char> window, string key, int secretStart, int secretEnd)
    {
        int from = 0;
        while (from <= key.Length - window.Length)
        {
            int at = key.AsSpan(from).IndexOf(window, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            at += from;
            if (at + window.Length > secretStart && at < secretEnd)
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    /// <summary>Decodes <c>\uXXXX</c> escapes in text that was not parsed as JSON (plain-text bodies quoting JSON).</summary>
    private static string UnescapeJson(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 5 < text.Length && (text[i + 1] is 'u' or 'U')
                && int.TryParse(text.AsSpan(i + 2, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int code))
            {
                sb.Append((char)code);
                i += 5;
                continue;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static void MarkSharedRuns(string text, string key, Span<byte> hide)
    {
        // A run of key characters in the text that shares any window of MinSharedRun characters with the key (past its
        // public prefix) is hidden whole, so partial echoes disappear as well as whole ones. Only the text's runs are
        // looked up in the key, so the cost follows the few long tokens a message has, not the key's length.
        int secretStart = KeyHint.PublicPrefix(key).Length;
        int i = 0;
        while (NextRun(text, ref i, out int start, allowDots: key.Contains('.', StringComparison.Ordinal)))
        {
            for (int j = start; j + MinSharedRun <= i; j++)
            {
                if (WindowInKey(text.AsSpan(j, MinSharedRun), key, secretStart, key.Length - 4))
                {
                    hide[start..i].Fill(SharesKey);
                    break;
                }
            }
        }
    }

    private static void MarkKeyShapedRuns(string text, Span<byte> hide)
    {
        int i = 0;
        while (NextRun(text, ref i, out int start, allowDots: false))
        {
            int length = i - start;
            if (length >= MinKeyShapedRun && LooksLikeSecret(text.AsSpan(start, length)))
            {
                for (int j = start; j < i; j++)
                {
                    if (hide[j] == Visible)
                    {
                        hide[j] = KeyShaped;
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

    /// <summary>Finds the next run of key characters (and dots, for tokens such as JWTs) at or after <paramref name="i"/>.</summary>
    private static bool NextRun(string text, ref int i, out int start, bool allowDots)
    {
        while (i < text.Length && !IsKeyChar(text[i]))
        {
            i++;
        }

        start = i;
        while (i < text.Length && (IsKeyChar(text[i]) || allowDots && text[i] == '.'))
        {
            i++;
        }

        return i > start;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~' or '+' or '/' or '=';
}
