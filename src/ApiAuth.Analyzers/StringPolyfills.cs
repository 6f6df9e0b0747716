namespace ApiAuth.Internal;

/// <summary>
/// The one .NET Core string API the linked <c>Article.cs</c> uses that netstandard2.0 lacks, so the analyzers phrase
/// "an OpenAI key" with the library's own helper instead of a second copy of the rule.
/// </summary>
internal static class StringPolyfills
{
    /// <summary>Gets a value indicating whether the string contains the character.</summary>
    /// <param name="text">The string.</param>
    /// <param name="value">The character.</param>
    /// <param name="comparison">Must be ordinal (the only comparison the linked code uses).</param>
    /// <returns><see langword="true"/> when the character occurs.</returns>
    public static bool Contains(this string text, char value, StringComparison comparison) =>
        comparison == StringComparison.Ordinal ? text.IndexOf(value) >= 0 : text.IndexOf(value.ToString(), comparison) >= 0;
}
