using System.Buffers;
using System.Globalization;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// The refusal half of the pre-send credential policy (ARCHITECTURE.md, "Pre-send credential policy"): refuses what
/// cannot be repaired — a missing, placeholder or malformed key, or a key that is unmistakably another vendor's. It
/// refuses on positive evidence only: a key that matches no known format is sent, because formats change.
/// </summary>
internal static class CredentialValidator
{
    private static readonly SearchValues<char> NeverInKey = SearchValues.Create("\"'`,;\\<>{}|");

    /// <summary>Validates a repaired key for a provider.</summary>
    /// <param name="profile">The provider profile.</param>
    /// <param name="key">The key, without scheme.</param>
    /// <returns>The verdict, or <see langword="null"/> when the key may be sent. Allocation-free when it may.</returns>
    public static KeyVerdict? Validate(ProviderProfile profile, ReadOnlySpan<char> key)
    {
        if (key.IsEmpty)
        {
            return new KeyVerdict(AuthFailureCause.MissingKey, "the header is present but empty");
        }

        if (key.Length > PlaceholderWords.MaxLength && !key.ContainsAnyExcept(KeyCharacters.Plain) && !LooksTemplated(key))
        {
            // The common case: a plain key longer than any placeholder word. Only the foreign-format and pasted-twice checks remain.
            return CheckFormat(profile, key);
        }

        return CheckPlaceholder(profile, key)
            ?? CheckCharacters(key)
            ?? CheckFormat(profile, key);
    }

    /// <summary>Cheap signals of a template value that only uses key characters (sk-your-key-here, sk-xxxxxxxx…, YOUR_API_KEY).</summary>
    private static bool LooksTemplated(ReadOnlySpan<char> key) =>
        key.Contains("our", StringComparison.Ordinal)
        || key.Contains("OUR", StringComparison.Ordinal)
        || key.Contains("xxxx", StringComparison.Ordinal)
        || key.Contains("XXXX", StringComparison.Ordinal)
        || key.Contains("..", StringComparison.Ordinal)
        || key.Contains("API_KEY", StringComparison.Ordinal);

    private static KeyVerdict? CheckPlaceholder(ProviderProfile profile, ReadOnlySpan<char> key)
    {
        string? variable = UnexpandedVariable(key);
        if (variable is not null)
        {
            return new KeyVerdict(AuthFailureCause.PlaceholderKey, variable.Length == 0
                ? "a template reference that was never filled in"
                : $"an unexpanded reference to the variable {variable}: the text was sent instead of the variable's value");
        }

        string asString = key.ToString();
        if (PlaceholderWords.IsUniversal(asString))
        {
            return new KeyVerdict(AuthFailureCause.PlaceholderKey, $"the literal text '{asString}' — the variable holding the key was empty when the value was built");
        }

        if (IsMasked(key))
        {
            return new KeyVerdict(AuthFailureCause.PlaceholderKey, "a masked key copied from a dashboard (dashboards never show the whole key again; create a new one)");
        }

        if (IsYourKeyTemplate(key) || IsAllFiller(key))
        {
            return new KeyVerdict(AuthFailureCause.PlaceholderKey, "the example value from documentation or a template");
        }

        if (profile.StrictPlaceholders && PlaceholderWords.Contains(asString))
        {
            return new KeyVerdict(AuthFailureCause.PlaceholderKey, $"the placeholder text '{asString}'");
        }

        return null;
    }

    private static KeyVerdict? CheckCharacters(ReadOnlySpan<char> key)
    {
        int bad = key.IndexOfAnyExcept(KeyCharacters.PrintableAscii);
        if (bad < 0)
        {
            int quote = key.IndexOfAny(NeverInKey);
            return quote < 0
                ? null
                : new KeyVerdict(AuthFailureCause.MalformedKey, $"the character '{key[quote]}' at position {quote + 1}, which no key contains (text around the key was copied with it)");
        }

        char c = key[bad];
        string where = string.Create(CultureInfo.InvariantCulture, $"at position {bad + 1} of {key.Length}");
        return c switch
        {
            '\r' or '\n' => new KeyVerdict(AuthFailureCause.MalformedKey, $"a line break inside the key ({where}): two lines were pasted, and sending it would inject a header"),
            ' ' or '\t' or '\u00A0' => new KeyVerdict(AuthFailureCause.MalformedKey, $"a space inside the key ({where}): two keys or extra text were pasted together"),
            '\u2013' or '\u2014' or '\u2012' or '\u2010' or '\u2011' or '\u2212' => new KeyVerdict(AuthFailureCause.MalformedKey, $"a typographic dash (U+{(int)c:X4}) {where} where the key has a plain hyphen: a word processor or chat app replaced it"),
            '\u2026' => new KeyVerdict(AuthFailureCause.PlaceholderKey, "an ellipsis: a shortened key copied from a dashboard or a log"),
            '\u201C' or '\u201D' or '\u2018' or '\u2019' => new KeyVerdict(AuthFailureCause.MalformedKey, $"a typographic quote (U+{(int)c:X4}) {where}"),
            _ when char.IsControl(c) => new KeyVerdict(AuthFailureCause.MalformedKey, $"a control character (U+{(int)c:X4}) {where}"),
            _ => new KeyVerdict(AuthFailureCause.MalformedKey, $"a non-ASCII character (U+{(int)c:X4}) {where}, which no key contains"),
        };
    }

    private static KeyVerdict? CheckFormat(ProviderProfile profile, ReadOnlySpan<char> key)
    {
        KeyFormat? format = KeyFormats.Match(key);
        if (format is null)
        {
            return null;
        }

        if (format.Unmistakable && profile.RefusesForeignKeys && !profile.IsOwnVendor(format.Vendor))
        {
            return new KeyVerdict(AuthFailureCause.WrongProviderKey, $"{Article.With(format.VendorName)} key ({format.Prefix}…)");
        }

        // Two keys pasted together: the same specific prefix again inside the key.
        if (format.Prefix.Length >= 5 && key[format.Prefix.Length..].Contains(format.Prefix, StringComparison.Ordinal))
        {
            return new KeyVerdict(AuthFailureCause.MalformedKey, $"two {format.VendorName} keys pasted together (the prefix {format.Prefix} appears twice)");
        }

        return null;
    }

    /// <summary>
    /// Finds <c>$VAR</c>, <c>${VAR}</c>, <c>$(VAR)</c>, <c>%VAR%</c>, <c>{{VAR}}</c>, <c>&lt;your key&gt;</c> and friends. A name
    /// is reported only when it looks like an environment variable's (letters, digits, underscores, words of a sensible
    /// length: <c>OPENAI_API_KEY</c>, <c>apiKey</c>); a bare <c>$</c> followed by anything else is a key that starts with
    /// <c>$</c>, which is sent and never printed.
    /// </summary>
    /// <returns>The variable's name, an empty string for a nameless template, or <see langword="null"/>.</returns>
    private static string? UnexpandedVariable(ReadOnlySpan<char> key)
    {
        ReadOnlySpan<char> inner;
        bool bare = false;
        if (key.StartsWith("${", StringComparison.Ordinal) && key[^1] == '}')
        {
            inner = key[2..^1];
        }
        else if (key.StartsWith("$(", StringComparison.Ordinal) && key[^1] == ')')
        {
            inner = key[2..^1];
        }
        else if (key.StartsWith("{{", StringComparison.Ordinal) && key.EndsWith("}}", StringComparison.Ordinal))
        {
            inner = key[2..^2].Trim();
        }
        else if (key.Length > 2 && key[0] == '%' && key[^1] == '%')
        {
            inner = key[1..^1];
        }
        else if (key.Length > 1 && key[0] == '$')
        {
            inner = key[1..];
            bare = true;
        }
        else if (key.Length > 2 && ((key[0] == '<' && key[^1] == '>') || (key[0] == '[' && key[^1] == ']') || (key[0] == '{' && key[^1] == '}')))
        {
            return string.Empty;
        }
        else if (key.StartsWith("process.env.", StringComparison.Ordinal) || key.StartsWith("os.environ", StringComparison.Ordinal) || key.StartsWith("env.", StringComparison.Ordinal))
        {
            return string.Empty;
        }
        else
        {
            return null;
        }

        int colon = inner.IndexOfAny(":-");
        if (!bare && colon > 0 && inner[colon..].StartsWith(":-", StringComparison.Ordinal))
        {
            inner = inner[..colon];
        }

        inner = inner.StartsWith("env:", StringComparison.OrdinalIgnoreCase) ? inner[4..] : inner;
        if (LooksLikeVariableName(inner))
        {
            return inner.ToString();
        }

        // Braces, parentheses or percent signs around something else are still a template nobody filled in; a bare $ is not.
        return bare ? null : string.Empty;
    }

    /// <summary>
    /// An environment-variable-like name: words of letters (one case, or camelCase with digits only at the end), each at most
    /// 20 characters with at most one group of digits, joined by underscores or dots (<c>secrets.OPENAI_API_KEY</c>). A random key has long mixed-case words with digits
    /// scattered through them, so it never passes.
    /// </summary>
    private static bool LooksLikeVariableName(ReadOnlySpan<char> name)
    {
        const int MaxWordLength = 20;
        if (name.IsEmpty || name.Length > 64 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        ReadOnlySpan<char> rest = name;
        while (!rest.IsEmpty)
        {
            int separator = rest.IndexOfAny('_', '.');
            ReadOnlySpan<char> word = separator < 0 ? rest : rest[..separator];
            rest = separator < 0 ? default : rest[(separator + 1)..];
            if (word.Length > MaxWordLength)
            {
                return false;
            }

            int digitGroups = 0, humps = 0;
            bool upper = false, lower = false, letterAfterDigit = false;
            for (int i = 0; i < word.Length; i++)
            {
                char c = word[i];
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    return false;
                }

                if (char.IsAsciiDigit(c) && (i == 0 || !char.IsAsciiDigit(word[i - 1])))
                {
                    digitGroups++;
                }

                upper |= char.IsAsciiLetterUpper(c);
                lower |= char.IsAsciiLetterLower(c);
                letterAfterDigit |= char.IsAsciiLetter(c) && i > 0 && char.IsAsciiDigit(word[i - 1]);

                // A lower-case letter followed by an upper-case one starts a new word in camelCase (apiKey, openAiKey).
                if (char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(word[i - 1]))
                {
                    humps++;
                }
            }

            // Mixed case keeps digits at the end (apiKey2); one case may have them inside (GPT4O, gpt4o).
            if (digitGroups > 1 || humps > 3 || (upper && lower && letterAfterDigit))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMasked(ReadOnlySpan<char> key) =>
        key.Contains("***", StringComparison.Ordinal)
        || key.Contains('\u2022')
        || key.Contains('\u2026')
        || key.Contains("...", StringComparison.Ordinal);

    private static bool IsYourKeyTemplate(ReadOnlySpan<char> key)
    {
        bool your = key.Contains("your", StringComparison.OrdinalIgnoreCase);
        return (your && (key.Contains("key", StringComparison.OrdinalIgnoreCase) || key.Contains("token", StringComparison.OrdinalIgnoreCase) || key.Contains("secret", StringComparison.OrdinalIgnoreCase)))
            || key.Contains("insert", StringComparison.OrdinalIgnoreCase) && key.Contains("here", StringComparison.OrdinalIgnoreCase)
            || key.Contains("-here", StringComparison.OrdinalIgnoreCase) && key.Contains("key", StringComparison.OrdinalIgnoreCase)
            || key.SequenceEqual("YOUR_API_KEY")
            || key.EndsWith("_API_KEY", StringComparison.Ordinal) && IsUpperSnake(key);
    }

    private static bool IsUpperSnake(ReadOnlySpan<char> key)
    {
        foreach (char c in key)
        {
            if (!char.IsAsciiLetterUpper(c) && c != '_' && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A key whose body after a known prefix is filler (sk-xxxxxxxx, sk-000000, sk-proj-XXXX…), or a run of 8 x's.</summary>
    private static bool IsAllFiller(ReadOnlySpan<char> key)
    {
        if (key.Contains("xxxxxxxx", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        KeyFormat? format = KeyFormats.Match(key);
        ReadOnlySpan<char> body = format is null ? key : key[format.Prefix.Length..];
        if (body.Length < 3)
        {
            return format is not null;
        }

        char first = char.ToLowerInvariant(body[0]);
        if (first is not ('x' or '0' or '*' or '.' or '-' or '_'))
        {
            return false;
        }

        foreach (char c in body)
        {
            if (char.ToLowerInvariant(c) != first)
            {
                return false;
            }
        }

        return true;
    }
}
