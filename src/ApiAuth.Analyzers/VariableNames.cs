namespace ApiAuth.Analyzers;

/// <summary>
/// Whether a constant passed to <c>Environment.GetEnvironmentVariable</c> is a plausible variable name. A key pasted
/// there instead is a secret: it must not be repeated in a message, a property or a code fix.
/// </summary>
internal static class VariableNames
{
    /// <summary>The longest name accepted as a variable name.</summary>
    private const int MaxLength = 128;

    /// <summary>Gets a value indicating whether the value is a plausible variable name: <c>[A-Za-z_][A-Za-z0-9_]{0,127}</c> that does not look like a key.</summary>
    /// <param name="value">The constant.</param>
    /// <returns><see langword="true"/> for a name that may be shown.</returns>
    public static bool IsPlausible(string value)
    {
        if (value.Length == 0 || value.Length > MaxLength || !(IsLetter(value[0]) || value[0] == '_'))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(IsLetter(c) || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return !LooksLikeKey(value);
    }

    /// <summary>
    /// Gets a value indicating whether the value looks like a key: it matches a published key format, or it is long and
    /// random-looking (several digits among letters, in mixed case or with no underscore), which variable names written
    /// in SCREAMING_CASE or PascalCase are not.
    /// </summary>
    /// <param name="value">The constant.</param>
    /// <returns><see langword="true"/> when it looks like a key.</returns>
    public static bool LooksLikeKey(string value)
    {
        if (KeyLiterals.Match(value.Trim()) is not null)
        {
            return true;
        }

        int digits = 0, upper = 0, lower = 0;
        foreach (char c in value)
        {
            if (c >= '0' && c <= '9')
            {
                digits++;
            }
            else if (c >= 'A' && c <= 'Z')
            {
                upper++;
            }
            else if (c >= 'a' && c <= 'z')
            {
                lower++;
            }
        }

        // Random-looking: long, several digits among letters, and either mixed case or no word separator at all.
        return value.Length >= 20 && digits >= 3 && upper + lower >= 3
            && ((upper >= 3 && lower >= 3) || value.IndexOf('_') < 0);
    }

    private static bool IsLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
