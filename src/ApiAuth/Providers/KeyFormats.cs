namespace ApiAuth.Providers;

/// <summary>
/// The catalogue of key formats ApiAuth recognises, longest prefix first. Each entry names its source.
/// Formats only ever serve as positive evidence (this is X's key); a key that matches none is sent.
/// </summary>
internal static class KeyFormats
{
    private const string Gitleaks = "gitleaks default rules (config/gitleaks.toml)";
    private const string GitHubScanning = "GitHub secret scanning supported patterns";

    /// <summary>Gets every known format, longest prefix first so the most specific one wins.</summary>
    public static KeyFormat[] All { get; } = Sort(
    [
        // OpenAI: project, service-account and admin keys carry the vendor in the prefix; all embed "T3BlbkFJ" (base64 "OpenAI").
        new("openai", "OpenAI", "sk-proj-", true, Gitleaks + " openai-api-key; platform.openai.com/docs/api-reference/authentication"),
        new("openai", "OpenAI", "sk-svcacct-", true, Gitleaks + " openai-api-key"),
        new("openai", "OpenAI", "sk-admin-", true, "platform.openai.com/docs/api-reference/administration (admin keys)"),
        new("openai", "OpenAI", "sk-None-", true, "OpenAI user keys issued 2024 (reported in openai-python issues)"),
        // Anthropic: sk-ant-api03- (API), sk-ant-admin01- (admin), sk-ant-oat01- (OAuth).
        new("anthropic", "Anthropic", "sk-ant-", true, Gitleaks + " anthropic-api-key / anthropic-admin-api-key"),
        // OpenRouter.
        new("openrouter", "OpenRouter", "sk-or-v1-", true, "openrouter.ai/docs/api-reference/authentication; " + GitHubScanning),
        new("openrouter", "OpenRouter", "sk-or-", true, "openrouter.ai/docs (key prefix)"),
        // Google API keys (Gemini API keys created in AI Studio are Google Cloud API keys).
        new("gemini", "Google", "AIza", true, Gitleaks + " gcp-api-key (AIza[\\w-]{35})"),
        new("gemini", "Google", "AQ.", false, "ai.google.dev/gemini-api/docs/api-key (2026 key format)"),
        // Groq.
        new("groq", "Groq", "gsk_", true, GitHubScanning + " groq_api_key"),
        // xAI.
        new("xai", "xAI", "xai-", true, Gitleaks + " xai-api-key? / docs.x.ai (key prefix)"),
        // Perplexity.
        new("perplexity", "Perplexity", "pplx-", true, "docs.perplexity.ai/guides/getting-started (key prefix)"),
        // Hugging Face.
        new("huggingface", "Hugging Face", "hf_", true, Gitleaks + " huggingface-access-token"),
        new("huggingface", "Hugging Face", "api_org_", true, Gitleaks + " huggingface-organization-api-token"),
        // Replicate.
        new("replicate", "Replicate", "r8_", true, GitHubScanning + " replicate_api_token"),
        // Fireworks.
        new("fireworks", "Fireworks AI", "fw_", true, "docs.fireworks.ai (key prefix)"),
        // Non-AI services whose keys end up in the wrong variable.
        new("github", "GitHub", "github_pat_", true, Gitleaks + " github-fine-grained-pat"),
        new("github", "GitHub", "ghp_", true, Gitleaks + " github-pat"),
        new("github", "GitHub", "gho_", true, Gitleaks + " github-oauth"),
        new("github", "GitHub", "ghu_", true, Gitleaks + " github-app-token"),
        new("github", "GitHub", "ghs_", true, Gitleaks + " github-app-token"),
        new("github", "GitHub", "ghr_", true, Gitleaks + " github-refresh-token"),
        new("gitlab", "GitLab", "glpat-", true, Gitleaks + " gitlab-pat"),
        new("stripe", "Stripe", "sk_live_", true, Gitleaks + " stripe-access-token"),
        new("stripe", "Stripe", "sk_test_", true, Gitleaks + " stripe-access-token"),
        new("stripe", "Stripe", "rk_live_", true, Gitleaks + " stripe-access-token"),
        new("slack", "Slack", "xoxb-", true, Gitleaks + " slack-bot-token"),
        new("slack", "Slack", "xoxp-", true, Gitleaks + " slack-user-token"),
        new("aws", "AWS", "AKIA", true, Gitleaks + " aws-access-token"),
        new("aws", "AWS", "ASIA", true, Gitleaks + " aws-access-token (temporary credentials)"),
        // Generic OpenAI-style prefix: issued by OpenAI (legacy keys) and by many compatible services (DeepSeek, Moonshot, relays).
        new("openai", "OpenAI", "sk-", false, "OpenAI legacy user keys; also DeepSeek, Moonshot and relays"),
    ]);

    /// <summary>Finds the most specific format whose prefix the key starts with.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The format, or <see langword="null"/>.</returns>
    public static KeyFormat? Match(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || key[0] >= 128)
        {
            return null;
        }

        foreach (KeyFormat format in ByFirstChar[key[0]])
        {
            if (key.StartsWith(format.Prefix, StringComparison.Ordinal))
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>Formats bucketed by the first character of their prefix, so a lookup tries a handful, not all.</summary>
    private static KeyFormat[][] ByFirstChar { get; } = Bucket(All);

    private static KeyFormat[][] Bucket(KeyFormat[] formats)
    {
        var buckets = new KeyFormat[128][];
        for (int c = 0; c < buckets.Length; c++)
        {
            buckets[c] = Array.FindAll(formats, f => f.Prefix[0] == c);
        }

        return buckets;
    }

    private static KeyFormat[] Sort(KeyFormat[] formats)
    {
        Array.Sort(formats, static (a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        return formats;
    }
}
