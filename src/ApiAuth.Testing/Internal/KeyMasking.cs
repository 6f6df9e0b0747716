namespace ApiAuth.Testing.Internal;

/// <summary>Masks a key the way OpenAI echoes it in "Incorrect API key provided".</summary>
internal static class KeyMasking
{
    private const int VisiblePrefix = 8;
    private const int VisibleSuffix = 4;

    /// <summary>
    /// The first 8 characters, one star per hidden character, the last 4; a key of 12 characters or fewer is
    /// echoed whole, as OpenAI does (<c>Incorrect API key provided: foobar.</c>).
    /// </summary>
    public static string OpenAIStyle(string key)
    {
        if (key.Length <= VisiblePrefix + VisibleSuffix)
        {
            return key;
        }

        return string.Concat(
            key.AsSpan(0, VisiblePrefix),
            new string('*', key.Length - VisiblePrefix - VisibleSuffix),
            key.AsSpan(key.Length - VisibleSuffix));
    }
}
