using System.Buffers;
using System.Text;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// Reads a .env file line by line as both kinds of reader see it: a dotenv loader (python-dotenv, dotenv, DotNetEnv,
/// docker compose) and a POSIX shell sourcing it (<c>set -a; . ./.env; set +a</c>). Names, per line, what makes either
/// one set a different value than the author meant: CRLF endings, a BOM, literal escape sequences inside quotes, spaces
/// around '=', blanks, unbalanced or typographic quotes, duplicated variables. <c>export</c> prefixes are fine.
/// </summary>
internal static class DotEnvLint
{
    private static readonly SearchValues<char> TypographicQuotes = SearchValues.Create("\u201C\u201D\u201E\u2018\u2019\u201A\u00AB\u00BB\u2039\u203A");
    private static readonly SearchValues<char> ShellSpecial = SearchValues.Create("$;&|<>()`'\"\\ \t*?[]~{}!");

    public static DotEnvLintResult Run(string text, string file)
    {
        var result = new DotEnvLintResult();
        string[] lines = text.Split('\n');
        int lineCount = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;

        int crlf = lines.Take(lineCount).Count(l => l.EndsWith('\r'));
        if (crlf > 0)
        {
            int first = Array.FindIndex(lines, l => l.EndsWith('\r')) + 1;
            string fix = $"sed -i 's/\\r$//' {file}";
            result.Problems.Add(new DotEnvProblem("crlf", CheckStatus.Fail, first, null,
                $"{file} has Windows (CRLF) line endings ({crlf} of {lineCount} lines)",
                $"Convert it to LF: {fix} (macOS: sed -i '' 's/\\r$//' {file}; or dos2unix {file}; in VS Code: click CRLF in the status bar). Loaders drop the \\r, but a shell keeps it at the end of every value (a key ending in \\r is a 401 or an invalid header) and fails on lines like `$'\\r': command not found`.",
                BlocksSourcing: true, Fix: fix));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            string fix = $"sed -i '1s/^\\xEF\\xBB\\xBF//' {file}";
            result.Problems.Add(new DotEnvProblem("bom", CheckStatus.Fail, 1, null,
                $"{file} starts with a byte order mark (BOM)",
                $"Save it as UTF-8 without BOM, or run: {fix}. The BOM becomes part of the first variable's name for a shell and some loaders, so that variable is never set.",
                BlocksSourcing: true, Fix: fix));
        }

        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string raw = i == 0 && lines[i].StartsWith('\uFEFF') ? lines[i][1..] : lines[i];
            bool cr = raw.EndsWith('\r');
            string line = cr ? raw[..^1] : raw;
            string body = line.TrimStart(' ', '\t');
            if (body.Length == 0 || body[0] == '#')
            {
                continue;
            }

            if (body.StartsWith("export ", StringComparison.Ordinal) || body.StartsWith("export\t", StringComparison.Ordinal))
            {
                result.ExportLines.Add(number);
                body = body[7..].TrimStart(' ', '\t');
            }

            int eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            string namePart = body[..eq];
            string name = namePart.TrimEnd(' ', '\t');
            if (!DotEnvParser.IsName(name))
            {
                continue;
            }

            bool relevant = IsCredential(name);
            string valuePart = body[(eq + 1)..];
            bool spaceBefore = name.Length != namePart.Length;
            bool spaceAfter = valuePart.Length > 0 && valuePart[0] is ' ' or '\t';
            if (spaceBefore || spaceAfter)
            {
                string fix = $"sed -i -E 's/^([[:space:]]*(export[[:space:]]+)?[A-Za-z_][A-Za-z0-9_.]*)[[:space:]]*=[[:space:]]*/\\1=/' {file}";
                result.Problems.Add(new DotEnvProblem("spaces-around-equals", CheckStatus.Fail, number, name,
                    $"{file}:{number}: spaces around '=' ({(spaceBefore && spaceAfter ? $"{name} = …" : spaceBefore ? $"{name} =…" : $"{name}= …")})",
                    $"Write it as {name}=value, with no spaces (or run: {fix}). A shell reads `{name} = value` as a command named {name}, and `{name}= value` as an empty {name} for a command named value; loaders disagree on it.",
                    BlocksSourcing: true, Fix: fix));
            }

            string value = valuePart.TrimStart(' ', '\t');
            string? shellValue = spaceBefore || spaceAfter ? null : string.Empty;

            if (value.AsSpan().IndexOfAny(TypographicQuotes) >= 0)
            {
                result.Problems.Add(new DotEnvProblem("typographic-quote", CheckStatus.Fail, number, name,
                    $"{file}:{number}: {name} has typographic quotes (“ ” or ‘ ’) in its value",
                    "Replace them with plain \" or ' (a word processor, a chat app or a smart-quotes setting changed them): no reader treats them as quotes, so they become part of the value.",
                    BlocksSourcing: true));
            }

            if (value.Length > 0 && value[0] is '"' or '\'' or '`')
            {
                char quote = value[0];
                int close = FindClose(value, 1, quote);
                string inner;
                string after;
                if (close < 0)
                {
                    int end = -1, endIndex = -1;
                    for (int j = i + 1; j < lines.Length && end < 0; j++)
                    {
                        int c = FindClose(lines[j].TrimEnd('\r'), 0, quote);
                        if (c >= 0)
                        {
                            end = j;
                            endIndex = c;
                        }
                    }

                    if (end < 0)
                    {
                        result.Problems.Add(new DotEnvProblem("unbalanced-quote", CheckStatus.Fail, number, name,
                            $"{file}:{number}: {name} opens a {quote} quote that never closes",
                            $"Close the quote at the end of the value on line {number}, or remove it: readers take the rest of the file into {name}, or stop with a syntax error.",
                            BlocksSourcing: true));
                        AddDefinition(result, name, number);
                        continue;
                    }

                    if (relevant)
                    {
                        result.Problems.Add(new DotEnvProblem("multiline", CheckStatus.Fail, number, name,
                            $"{file}:{number}: {name}'s quoted value runs on to line {end + 1}",
                            $"A key is one line: close the quote on line {number} (a quote is probably missing there), or join the lines.",
                            BlocksSourcing: false));
                    }

                    inner = string.Join('\n', lines[i..(end + 1)].Select(l => l.TrimEnd('\r')))[1..];
                    inner = inner[..^(lines[end].TrimEnd('\r').Length - endIndex)];
                    after = lines[end].TrimEnd('\r')[(endIndex + 1)..];
                    i = end;
                }
                else
                {
                    inner = value[1..close];
                    after = value[(close + 1)..];
                }

                string afterTrimmed = after.TrimStart(' ', '\t');
                if (afterTrimmed.Length > 0 && afterTrimmed[0] != '#')
                {
                    result.Problems.Add(new DotEnvProblem("after-quote", CheckStatus.Fail, number, name,
                        $"{file}:{number}: text after {name}'s closing quote",
                        "Put the whole value inside the quotes, or move the text to a # comment: readers disagree on what to do with it.",
                        BlocksSourcing: true));
                }
                else if (after.Length > 0 && after[^1] is ' ' or '\t' && afterTrimmed.Length == 0)
                {
                    result.Problems.Add(TrailingBlanks(file, number, name));
                }

                if (relevant && LiteralEscapes.Find(inner) is { } escape)
                {
                    result.Problems.Add(new DotEnvProblem("escape", CheckStatus.Fail, number, name,
                        $"{file}:{number}: {name} has a literal {escape.Text} inside the quotes",
                        $"Delete the {escape.Text}: a key is one line. python-dotenv, dotenv and DotNetEnv turn {escape.Text} inside double quotes into a real control character in the key, and a shell keeps the backslash and the letter; either way the key sent is wrong.",
                        BlocksSourcing: true));
                }

                if (inner.Length > 0 && (inner[0] is ' ' or '\t' || inner[^1] is ' ' or '\t'))
                {
                    result.Problems.Add(new DotEnvProblem("blanks", relevant ? CheckStatus.Fail : CheckStatus.Warn, number, name,
                        $"{file}:{number}: {name} has {(inner[0] is ' ' or '\t' ? "leading" : "trailing")} blanks inside the quotes",
                        "Remove them: inside quotes every reader keeps them as part of the value.",
                        BlocksSourcing: false));
                }

                if (shellValue is not null)
                {
                    shellValue = (quote == '"' ? ShellUnescape(inner) : inner) + Word(after) + (cr && afterTrimmed.Length == 0 && after.Length == 0 ? "\r" : string.Empty);
                }
            }
            else
            {
                int comment = value.IndexOf(" #", StringComparison.Ordinal);
                string unquoted = (comment >= 0 ? value[..comment] : value).TrimEnd(' ', '\t');
                if (comment < 0 && value.Length > 0 && value[^1] is ' ' or '\t')
                {
                    result.Problems.Add(TrailingBlanks(file, number, name));
                }

                if (relevant && LiteralEscapes.Find(unquoted) is { } escape)
                {
                    result.Problems.Add(new DotEnvProblem("escape", CheckStatus.Fail, number, name,
                        $"{file}:{number}: {name} has a literal {escape.Text} in its value",
                        $"Delete the {escape.Text}: a key is one line with no backslash.",
                        BlocksSourcing: true));
                }
                else if (unquoted.AsSpan().IndexOfAny(ShellSpecial) >= 0 && !spaceAfter)
                {
                    result.Problems.Add(new DotEnvProblem("shell-syntax", CheckStatus.Info, number, name,
                        $"{file}:{number}: {name}'s unquoted value has characters a shell interprets ($, spaces, quotes, ;, & …)",
                        "Loaders read it as is; to source the file in a shell too, wrap the value in single quotes.",
                        BlocksSourcing: true));
                }

                if (shellValue is not null)
                {
                    shellValue = Word(value) + (cr && (value.Length == 0 || value[^1] is not (' ' or '\t')) && comment < 0 ? "\r" : string.Empty);
                }
            }

            AddDefinition(result, name, number);
            if (shellValue is not null)
            {
                result.ShellValues[number] = (name, shellValue);
            }
        }

        foreach ((string name, List<int> at) in result.Definitions.Where(d => d.Value.Count > 1))
        {
            result.Problems.Add(new DotEnvProblem("duplicate", CheckStatus.Warn, at[^1], name,
                $"{file}: {name} is defined {at.Count} times (lines {string.Join(", ", at)}): line {at[^1]} wins",
                $"Delete the other lines: the last definition wins in python-dotenv, dotenv, DotNetEnv, docker compose and a shell, so editing line {at[0]} changes nothing.",
                BlocksSourcing: false));
        }

        return result;
    }

    internal static bool IsCredential(string name) =>
        ProviderSetup.AllVariables.Contains(name)
        || name.EndsWith("_API_KEY", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("__ApiKey", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_BASE_URL", StringComparison.OrdinalIgnoreCase);

    private static DotEnvProblem TrailingBlanks(string file, int number, string name) =>
        new("trailing-blanks", CheckStatus.Warn, number, name,
            $"{file}:{number}: trailing blanks after {name}'s value",
            $"Remove them (sed -i 's/[[:blank:]]*$//' {file}): readers differ on whether they belong to the value, and nobody sees them.",
            BlocksSourcing: false);

    private static void AddDefinition(DotEnvLintResult result, string name, int line)
    {
        if (!result.Definitions.TryGetValue(name, out List<int>? at))
        {
            result.Definitions[name] = at = [];
        }

        at.Add(line);
    }

    /// <summary>What a shell keeps of an unquoted word: up to the first blank (a carriage return is not a blank to it).</summary>
    private static string Word(string text)
    {
        int end = text.AsSpan().IndexOfAny(' ', '\t');
        return end < 0 ? text : text[..end];
    }

    /// <summary>Inside double quotes a shell removes the backslash only before $, `, ", \ and a newline.</summary>
    private static string ShellUnescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '`' or '"' or '\\')
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static int FindClose(string text, int start, char quote)
    {
        for (int i = start; i < text.Length; i++)
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
}
