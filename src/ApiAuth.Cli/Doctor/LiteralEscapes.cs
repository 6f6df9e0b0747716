namespace ApiAuth.Cli.Doctor;

/// <summary>
/// Escape sequences written as two characters (a backslash and <c>n</c>, <c>r</c> or <c>t</c>) inside a value: what a
/// shell leaves of <c>KEY="sk-…\n"</c> sourced from a .env file, or what a JSON or C# string pasted as text keeps.
/// No key contains a backslash, so each one is a copy or quoting mistake, not "a character copied with the key".
/// </summary>
internal static class LiteralEscapes
{
    /// <summary>Finds the first literal escape; returns its 0-based index and its two-character text, or <see langword="null"/>.</summary>
    public static (int Index, string Text)? Find(string value)
    {
        for (int i = 0; i + 1 < value.Length; i++)
        {
            if (value[i] == '\\' && value[i + 1] is 'n' or 'r' or 't')
            {
                return (i, value.Substring(i, 2));
            }
        }

        return null;
    }

    /// <summary>Removes every literal escape, so the rest of the value can be checked on its own.</summary>
    public static string Remove(string value) =>
        value.Replace("\\r", string.Empty, StringComparison.Ordinal)
            .Replace("\\n", string.Empty, StringComparison.Ordinal)
            .Replace("\\t", string.Empty, StringComparison.Ordinal);
}
