namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>
/// Credentials used by the benchmarks, built at run time from parts so no full-length key is ever committed.
/// The bodies are a fixed mix of key characters, long enough to look like real keys (OpenAI project keys are ~164 characters).
/// </summary>
internal static class Keys
{
    public static string OpenAI { get; } = "sk-" + "proj-" + Filler(156);

    public static string Anthropic { get; } = "sk-" + "ant-" + "api03-" + Filler(95);

    public static string Google { get; } = "AI" + "za" + Filler(35);

    public static string Azure { get; } = Filler(32);

    public static string OpenAIBearer { get; } = "Bearer " + OpenAI;

    /// <summary>Gets the masked form OpenAI echoes in its 401 message (<c>sk-proj-****…abcd</c>).</summary>
    public static string OpenAIMasked { get; } = "sk-" + "proj-" + new string('*', 148) + OpenAI[^4..];

    /// <summary>Characters that never spell a template word ("your", "xxxx") the validator looks for.</summary>
    private static string Filler(int length)
    {
        const string Alphabet = "Ab3Cd5Ef7Gh9Jk2Mn4Pq6Rs8Tv_Wz-aB1cD";
        return string.Create(length, Alphabet, static (span, alphabet) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[(i * 7 + i / alphabet.Length) % alphabet.Length];
            }
        });
    }
}
