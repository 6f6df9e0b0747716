namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>A key shape: the provider it belongs to and how to make one. Keys are built at run time from parts, never committed.</summary>
internal sealed record KeyShape(string Provider, string Host, Func<Random, string> Make)
{
    public override string ToString() => Provider;
}

/// <summary>Keys of every provider's shape, random past their public prefix.</summary>
internal static class Keys
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    public static IReadOnlyList<KeyShape> Shapes { get; } =
    [
        new("openai", "api.openai.com", r => "sk-" + "proj-" + Random(r, Alnum + "-_", r.Next(48, 157))),
        new("openai", "api.openai.com", r => "sk-" + "svcacct-" + Random(r, Alnum + "-_", r.Next(48, 120))),
        new("openai", "api.openai.com", r => "sk-" + Random(r, Alnum, 48)),
        new("anthropic", "api.anthropic.com", r => "sk-" + "ant-" + "api03-" + Random(r, Alnum + "-_", 93) + "AA"),
        new("gemini", "generativelanguage.googleapis.com", r => "AI" + "za" + Random(r, Alnum + "-_", 35)),
        new("azure-openai", "contoso.openai.azure.com", r => Random(r, Hex, 32)),
        new("azure-openai", "contoso.openai.azure.com", r => Random(r, Alnum, 84)),
        new("groq", "api.groq.com", r => "gs" + "k_" + Random(r, Alnum, 52)),
        new("xai", "api.x.ai", r => "xa" + "i-" + Random(r, Alnum, 80)),
        new("openrouter", "openrouter.ai", r => "sk-" + "or-" + "v1-" + Random(r, Hex, 64)),
        new("perplexity", "api.perplexity.ai", r => "pp" + "lx-" + Random(r, Alnum, 48)),
        new("huggingface", "router.huggingface.co", r => "h" + "f_" + Random(r, Alnum, 34)),
        new("fireworks", "api.fireworks.ai", r => "f" + "w_" + Random(r, Alnum, 24)),
        new("mistral", "api.mistral.ai", r => Random(r, Alnum, 32)),
        new("deepseek", "api.deepseek.com", r => "sk-" + Random(r, Hex, 32)),
        new("together", "api.together.xyz", r => Random(r, Hex, 64)),
        new("openai-compatible", "llm.internal.example", r => "sk-" + Random(r, Alnum, 40)),
        new("generic", "gateway.example", r => Jwt(r)),
    ];

    public static string Random(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A JWT-shaped bearer token that does not expire (no <c>exp</c>), random signature.</summary>
    private static string Jwt(Random random)
    {
        string header = Convert.ToBase64String("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("{\"sub\":\"" + Random(random, Alnum, 12) + "\",\"aud\":\"api\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return header + "." + payload + "." + Random(random, Alnum + "-_", 43);
    }
}
