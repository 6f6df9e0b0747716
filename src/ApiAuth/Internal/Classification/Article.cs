namespace ApiAuth.Internal;

/// <summary>"a Groq key", "an OpenAI key", "an xAI key": the indefinite article for a vendor name.</summary>
/// <remarks>ApiAuth.Analyzers links this file (netstandard2.0, with a polyfill for <c>string.Contains(char, StringComparison)</c>).</remarks>
internal static class Article
{
    public static string With(string name) =>
        name.Length > 0 && "AEIOUaeiouxX".Contains(name[0], StringComparison.Ordinal) ? "an " + name : "a " + name;
}
