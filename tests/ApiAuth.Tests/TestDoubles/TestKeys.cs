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

    private static string UuidKey()
    {
        var bytes = new byte[16];
        new Random(89).NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>The audience Azure OpenAI / Foundry expects in an Entra token.</summary>
    public const string CognitiveServicesAudience = "https://cognitiveservices.azure.com";

    /// <summary>
    /// An unsigned-looking JWT (header.payload.signature, base64url) with the given audience and expiry, built at run time.
    /// The signature part is random: nothing here verifies it.
    /// </summary>
    public static string Jwt(string audience, DateTimeOffset expires, int seed = 53)
    {
        static string Part(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        string header = Part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        string payload = Part("{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/00000000-0000-0000-0000-000000000000/\",\"iat\":"
            + expires.AddHours(-1).ToUnixTimeSeconds() + ",\"exp\":" + expires.ToUnixTimeSeconds() + "}");
        return header + "." + payload + "." + Body(86, seed).Replace('+', '-');
    }

    /// <summary>
    /// The key of a corpus fixture's recorded request (<c>request.key</c> in Tests/Fixtures), by format id. Every id is a
    /// shape, never a value: the key itself is built here at run time.
    /// </summary>
    public static string ForFormat(string format) => format switch
    {
        "openai" => OpenAIProject(),
        "openai-legacy" => OpenAILegacy(),
        "openai-svcacct" => OpenAIServiceAccount(),
        "azure" => Azure(),
        "anthropic" => Anthropic(),
        "google" => Google(),
        "groq" => Groq(),
        "openrouter" => OpenRouter(),
        "xai" => XAI(),
        "deepseek" => DeepSeek(),
        "github" => GitHub(),
        "mistral" => Body(32, 47),
        "together" => Body(64, 53).ToLowerInvariant(),
        "fireworks" => "fw" + "_" + Body(24, 59),
        "perplexity" => "pp" + "lx-" + Body(48, 61),
        "huggingface" => "h" + "f_" + Body(34, 67),

        // An sk- key of a relay, proxy or self-hosted server (LiteLLM, one-api/new-api, vLLM, OpenAI-compatible services).
        "sk" => "sk-" + Body(40, 71),

        // An opaque token of no vendor format (gateway consumer keys, subscription keys, service tokens).
        "opaque" => Body(32, 73),
        "uuid" => UuidKey(),
        "portkey" => Body(32, 79),
        "cloudflare" => Body(40, 83),
        "basic" => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("apiauth-client:" + Body(32, 97))),
        "jwt" => Jwt(CognitiveServicesAudience, DateTimeOffset.UtcNow.AddHours(1)),
        "jwt-expired" => Jwt(CognitiveServicesAudience, DateTimeOffset.UtcNow.AddHours(-2)),
        "jwt-wrong-aud" => Jwt("https://management.azure.com", DateTimeOffset.UtcNow.AddHours(1)),
        _ => throw new ArgumentException($"unknown key format id '{format}' (see Tests/Fixtures/README.md)", nameof(format)),
    };
}
