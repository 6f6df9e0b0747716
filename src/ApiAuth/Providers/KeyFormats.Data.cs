namespace ApiAuth.Providers;

/// <summary>
/// The key formats as data, in the order a reader would list them (most common first per vendor). This part compiles
/// under netstandard2.0 with C# latest (no span, SearchValues or other .NET 5+ API) so an analyzer project can link it
/// together with <c>KeyFormat.cs</c>; the lookup lives in <c>KeyFormats.cs</c>.
/// </summary>
internal static partial class KeyFormats
{
    /// <summary>Letters and digits.</summary>
    public const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Letters, digits, <c>-</c> and <c>_</c> (the base64url alphabet).</summary>
    public const string Base64Url = Alphanumeric + "-_";

    /// <summary>Letters, digits and <c>_</c>.</summary>
    public const string Word = Alphanumeric + "_";

    /// <summary>Letters only.</summary>
    public const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Lower-case hexadecimal digits.</summary>
    public const string LowerHex = "0123456789abcdef";

    /// <summary>Upper-case letters and digits.</summary>
    public const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>The longest key any format is described with when its vendor publishes no upper bound.</summary>
    public const int Unbounded = 256;

    private const string Gitleaks = "gitleaks default rules (config/gitleaks.toml)";
    private const string GitHubScanning = "GitHub secret scanning supported patterns";

    /// <summary>Creates every known format, in declaration order (not sorted).</summary>
    /// <returns>A new array.</returns>
    public static KeyFormat[] Published() =>
    [
        // OpenAI: project, service-account and admin keys carry the vendor in the prefix; all embed "T3BlbkFJ" (base64 "OpenAI")
        // between two runs of 58 or 74 characters (gitleaks openai-api-key).
        new("openai", "OpenAI", "sk-proj-", true, 132, 164, Base64Url, Gitleaks + " openai-api-key; platform.openai.com/docs/api-reference/authentication"),
        new("openai", "OpenAI", "sk-svcacct-", true, 135, 167, Base64Url, Gitleaks + " openai-api-key"),
        new("openai", "OpenAI", "sk-admin-", true, 133, 165, Base64Url, "platform.openai.com/docs/api-reference/administration (admin keys); " + Gitleaks + " openai-api-key"),
        new("openai", "OpenAI", "sk-None-", true, 132, 164, Base64Url, "OpenAI user keys issued 2024 (reported in openai-python issues); same body as project keys"),

        // Anthropic: sk-ant-api03- (API) and sk-ant-oat01- (OAuth) + 93 + "AA" = 108, sk-ant-admin01- = 110.
        new("anthropic", "Anthropic", "sk-ant-", true, 108, 110, Base64Url, Gitleaks + " anthropic-api-key / anthropic-admin-api-key"),

        // OpenRouter: sk-or-v1- + 64 hex.
        new("openrouter", "OpenRouter", "sk-or-v1-", true, 73, 73, LowerHex, "openrouter.ai/docs/api-reference/authentication; " + GitHubScanning),
        new("openrouter", "OpenRouter", "sk-or-", true, 22, Unbounded, Base64Url, "openrouter.ai/docs (key prefix; no length published)"),

        // Google API keys (Gemini API keys created in AI Studio are Google Cloud API keys): AIza + 35.
        new("gemini", "Google", "AIza", true, 39, 39, Base64Url, Gitleaks + " gcp-api-key (AIza[\\w-]{35})"),
        new("gemini", "Google", "AQ.", false, 20, Unbounded, Base64Url + ".", "ai.google.dev/gemini-api/docs/api-key (2026 key format; no length published)"),

        // Groq: gsk_ + 52.
        new("groq", "Groq", "gsk_", true, 56, 56, Alphanumeric, GitHubScanning + " groq_api_key"),

        // xAI: xai- + 80.
        new("xai", "xAI", "xai-", true, 84, 84, Alphanumeric, Gitleaks + " xai-api-key? / docs.x.ai (key prefix)"),

        // Perplexity: pplx- + 48.
        new("perplexity", "Perplexity", "pplx-", true, 53, 53, Alphanumeric, "docs.perplexity.ai/guides/getting-started (key prefix)"),

        // Hugging Face: hf_ + 34 letters, api_org_ + 34 letters.
        new("huggingface", "Hugging Face", "hf_", true, 37, 37, Letters, Gitleaks + " huggingface-access-token"),
        new("huggingface", "Hugging Face", "api_org_", true, 42, 42, Letters, Gitleaks + " huggingface-organization-api-token"),

        // Replicate: r8_ + 37.
        new("replicate", "Replicate", "r8_", true, 40, 40, Alphanumeric, GitHubScanning + " replicate_api_token"),

        // NVIDIA API catalog (build.nvidia.com, NIM): nvapi- + 64 base64url.
        new("nvidia", "NVIDIA", "nvapi-", true, 70, 70, Base64Url, "NVIDIA API catalog keys (build.nvidia.com; key prefix and length as issued)"),

        // Fireworks.
        new("fireworks", "Fireworks AI", "fw_", true, 19, Unbounded, Alphanumeric, "docs.fireworks.ai (key prefix; no length published)"),

        // Non-AI services whose keys end up in the wrong variable.
        new("github", "GitHub", "github_pat_", true, 93, 93, Word, Gitleaks + " github-fine-grained-pat"),
        new("github", "GitHub", "ghp_", true, 40, 40, Alphanumeric, Gitleaks + " github-pat"),
        new("github", "GitHub", "gho_", true, 40, 40, Alphanumeric, Gitleaks + " github-oauth"),
        new("github", "GitHub", "ghu_", true, 40, 40, Alphanumeric, Gitleaks + " github-app-token"),
        new("github", "GitHub", "ghs_", true, 40, 40, Alphanumeric, Gitleaks + " github-app-token"),
        new("github", "GitHub", "ghr_", true, 40, 40, Alphanumeric, Gitleaks + " github-refresh-token"),
        new("gitlab", "GitLab", "glpat-", true, 26, 26, Base64Url, Gitleaks + " gitlab-pat"),
        new("stripe", "Stripe", "sk_live_", true, 18, 107, Alphanumeric, Gitleaks + " stripe-access-token"),
        new("stripe", "Stripe", "sk_test_", true, 18, 107, Alphanumeric, Gitleaks + " stripe-access-token"),
        new("stripe", "Stripe", "rk_live_", true, 18, 107, Alphanumeric, Gitleaks + " stripe-access-token"),
        new("slack", "Slack", "xoxb-", true, 26, Unbounded, Alphanumeric + "-", Gitleaks + " slack-bot-token"),
        new("slack", "Slack", "xoxp-", true, 66, 81, Alphanumeric + "-", Gitleaks + " slack-user-token"),
        new("aws", "AWS", "AKIA", true, 20, 20, UpperAlphanumeric, Gitleaks + " aws-access-token"),
        new("aws", "AWS", "ASIA", true, 20, 20, UpperAlphanumeric, Gitleaks + " aws-access-token (temporary credentials)"),

        // Generic OpenAI-style prefix: issued by OpenAI (legacy keys, sk- + 48) and by many compatible services (DeepSeek's
        // sk- + 32 hex, Moonshot, relays), so the shortest is DeepSeek's and relays set no upper bound.
        new("openai", "OpenAI", "sk-", false, 35, Unbounded, Base64Url, "OpenAI legacy user keys; also DeepSeek, Moonshot and relays"),
    ];
}
