namespace ApiAuth.Tests.TestDoubles;

/// <summary>
/// Keys of every provider's shape, built at run time from parts so no full-length key is ever committed.
/// </summary>
public static class TestKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Body(int length, int seed = 7)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        // Avoid accidental template markers in random bodies ("our", "xxxx").
        return new string(chars).Replace("our", "ouR", StringComparison.Ordinal).Replace("OUR", "OuR", StringComparison.Ordinal);
    }

    public static string OpenAIProject(int seed = 7) => "sk-" + "proj-" + Body(74, seed) + "T3Blbk" + "FJ" + Body(74, seed + 1);

    public static string OpenAILegacy(int seed = 11) => "sk-" + Body(20, seed) + "T3Blbk" + "FJ" + Body(20, seed + 1);

    public static string OpenAIServiceAccount(int seed = 13) => "sk-" + "svcacct-" + Body(60, seed);

    public static string Anthropic(int seed = 17) => "sk-" + "ant-" + "api03-" + Body(86, seed) + "AA";

    public static string Google(int seed = 19) => "AI" + "za" + Body(35, seed);

    public static string Groq(int seed = 23) => "gs" + "k_" + Body(52, seed);

    public static string OpenRouter(int seed = 29) => "sk-" + "or-" + "v1-" + Body(64, seed).ToLowerInvariant();

    public static string XAI(int seed = 31) => "xa" + "i-" + Body(80, seed);

    public static string GitHub(int seed = 37) => "gh" + "p_" + Body(36, seed);

    public static string Azure(int seed = 41) => Body(32, seed).ToLowerInvariant();

    public static string DeepSeek(int seed = 43) => "sk-" + Body(32, seed).ToLowerInvariant();
}
