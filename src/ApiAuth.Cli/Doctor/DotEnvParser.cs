using System.Text;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// Parses .env files the way the common loaders do (python-dotenv, dotenv for Node, DotNetEnv): <c>NAME=value</c>,
/// optional <c>export </c>, <c>#</c> comments, single quotes (literal), double quotes (with <c>\n</c> escapes, may span lines),
/// and an inline <c># comment</c> after an unquoted value.
/// </summary>
internal static class DotEnvParser
{
    public static IReadOnlyList<DotEnvEntry> Parse(string text)
    {
        var entries = new List<DotEnvEntry>();
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i];
            if (i == 0 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            string trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            if (trimmed.StartsWith("export ", StringComparison.Ordinal) || trimmed.StartsWith("export\t", StringComparison.Ordinal))
            {
                trimmed = trimmed["export".Length..].TrimStart();
            }

            int eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            string name = trimmed[..eq].Trim();
            if (!IsName(name))
            {
                continue;
            }

            string rest = trimmed[(eq + 1)..];
            string restTrimmed = rest.TrimStart(' ', '\t');
            string value;
            if (restTrimmed.Length > 0 && restTrimmed[0] is '"' or '\'' or '`')
            {
                char quote = restTrimmed[0];
                int startLine = i;
                var sb = new StringBuilder();
                string current = restTrimmed[1..];
                bool closed = false;
                while (true)
                {
                    int end = FindClosingQuote(current, quote);
                    if (end >= 0)
                    {
                        sb.Append(quote == '"' ? Unescape(current[..end]) : current[..end]);
                        closed = true;
                        break;
                    }

                    // A double- or single-quoted value may span lines.
                    sb.Append(quote == '"' ? Unescape(current) : current);
                    if (i + 1 >= lines.Length)
                    {
                        break;
                    }

                    sb.Append('\n');
                    current = lines[++i];
                }

                if (!closed)
                {
                    // An unbalanced quote: the value is the rest of its own line, and the next lines are read as lines again.
                    i = startLine;
                }

                value = closed ? sb.ToString() : restTrimmed;
            }
            else
            {
                int comment = restTrimmed.IndexOf(" #", StringComparison.Ordinal);
                value = (comment >= 0 ? restTrimmed[..comment] : restTrimmed).TrimEnd(' ', '\t');
            }

            entries.Add(new DotEnvEntry(name, value, lineNumber));
        }

        return entries;
    }

    private static int FindClosingQuote(string text, char quote)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && quote == '"')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                char next = text[++i];
                sb.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => next });
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Gets a value indicating whether <paramref name="name"/> is a variable name the loaders accept (letters, digits, '_', '.', '-'; not a digit first).</summary>
    internal static bool IsName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
