namespace ApiAuth.Cli.Tests.TestDoubles;

/// <summary>
/// Keys built at run time from parts, so no full-length key is ever a literal in source
/// (the tool's own secret scanner runs over this repository).
/// </summary>
internal static class TestKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Body(int length, int seed)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = Alphabet[((i * 7) + (seed * 13) + (i * i % 11)) % Alphabet.Length];
        }

        return new string(chars);
    }

    public static string OpenAI(string last4 = "Ab12", int seed = 1) => "sk-" + "proj-" + Body(40, seed) + last4;

    public static string Anthropic(string last4 = "AAx9", int seed = 2) => "sk-" + "ant-api03-" + Body(90, seed) + last4;

    public static string Gemini(string last4 = "Gm12", int seed = 3) => "AI" + "za" + Body(31, seed) + last4;

    public static string Azure(int seed = 4) => Body(28, seed).ToLowerInvariant().Replace('z', '0') + "a1f3";

    public static string OpenRouter(int seed = 5) => "sk-" + "or-v1-" + new string([.. Body(64, seed).ToLowerInvariant().Select(c => "0123456789abcdef"[c % 16])]);
}
