namespace ApiAuth.Internal;

/// <summary>
/// The one list of whole values that are never a key, read before sending (by <see cref="CredentialValidator"/>) and after a
/// rejection (by the classifier, on what the server echoed of the key). Fragments and shapes of templates
/// (<c>sk-your-key-here</c>, <c>${OPENAI_API_KEY}</c>) are judged by their readers; this list holds only exact words.
/// </summary>
/// <remarks>ApiAuth.Analyzers links this file (netstandard2.0): keep it to APIs netstandard2.0 has.</remarks>
internal static class PlaceholderWords
{
    /// <summary>Values that are placeholders at any host, including self-hosted servers that accept any key: what an empty variable turns into.</summary>
    private static readonly HashSet<string> Universal = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "undefined", "nan", "[object Object]",
    };

    /// <summary>Values that are never a real key at a provider that issues real keys (besides the universal ones).</summary>
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        // "[object Object]" as a server's echo shows it: cut at its space.
        "[object",
        "none", "nil", "false", "true", "empty", "placeholder", "changeme", "change-me", "change_me",
        "secret", "token", "key", "apikey", "api-key", "api_key", "test", "testkey", "test-key", "dummy", "fake", "example",
        "sk-", "sk-xxx", "sk-...", "xxx", "todo", "replace-me", "replace_me", "replaceme", "insert-key-here", "your-key",
        "openai_api_key", "anthropic_api_key", "gemini_api_key", "azure_openai_api_key", "sk-your-key-here", "my-api-key",
    };

    /// <summary>Gets the length of the longest word: a value longer than this is no placeholder word.</summary>
    public static int MaxLength { get; } = Universal.Concat(Words).Max(static w => w.Length);

    /// <summary>Gets every word of the list, universal ones first (for tests that hold both readers to it).</summary>
    public static IEnumerable<string> All => Universal.Concat(Words);

    /// <summary>Gets a value indicating whether a value is a placeholder at any host (an empty variable rendered as text).</summary>
    /// <param name="value">The whole value.</param>
    /// <returns><see langword="true"/> for a universal placeholder.</returns>
    public static bool IsUniversal(string value) => Universal.Contains(value);

    /// <summary>Gets a value indicating whether a whole value is a placeholder word, universal or not (case-insensitive).</summary>
    /// <param name="value">The whole value.</param>
    /// <returns><see langword="true"/> for a placeholder word.</returns>
    public static bool Contains(string value) => Universal.Contains(value) || Words.Contains(value);
}
