namespace ApiAuth.Internal;

/// <summary>"a Groq key", "an OpenAI key", "an xAI key": the indefinite article for a vendor name.</summary>
internal static class Article
{
    public static string With(string name) =>
        name.Length > 0 && "AEIOUaeiouxX".Contains(name[0], StringComparison.Ordinal) ? "an " + name : "a " + name;
}
