using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Providers;

/// <summary>Host detection and the data every built-in profile must carry.</summary>
public sealed class BuiltInProfilesTests
{
    private static readonly string[] Tokens = ["EnvVar", "KeyHint", "KeysUrl", "Organization", "Project", "Host", "Provider", "Header", "RequestId", "Detail", "TestCommand", "StatusPage"];

    private static readonly string[] HostedVendors = ["openai", "azure-openai", "anthropic", "gemini", "groq", "mistral", "openrouter", "deepseek", "xai", "together", "fireworks", "perplexity", "huggingface"];

    public static TheoryData<string, string> Hosts => new()
    {
        { "api.openai.com", "openai" },
        { "contoso.openai.azure.com", "azure-openai" },
        { "CONTOSO-EASTUS.OpenAI.Azure.com", "azure-openai" },
        { "contoso-foundry.services.ai.azure.com", "azure-openai" },
        { "contoso.cognitiveservices.azure.com", "azure-openai" },
        { "api.anthropic.com", "anthropic" },
        { "generativelanguage.googleapis.com", "gemini" },
        { "api.groq.com", "groq" },
        { "api.mistral.ai", "mistral" },
        { "openrouter.ai", "openrouter" },
        { "api.deepseek.com", "deepseek" },
        { "api.x.ai", "xai" },
        { "api.together.xyz", "together" },
        { "api.together.ai", "together" },
        { "api.fireworks.ai", "fireworks" },
        { "api.perplexity.ai", "perplexity" },
        { "router.huggingface.co", "huggingface" },
        { "api-inference.huggingface.co", "huggingface" },
        { "openai.azure.com", "generic" },
        { "evil-openai.azure.com.example.net", "generic" },
        { "api.openai.com.example.net", "generic" },
        { "litellm.internal.example", "generic" },
        { "localhost", "generic" },
        { "oneapi.example.com", "generic" },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void ForHost_KnownAndUnknownHosts_PicksProfile(string host, string expectedId)
    {
        Assert.Equal(expectedId, new ProviderRegistry().ForHost(host).Id);
    }

    public static TheoryData<string> Vendors => [.. HostedVendors];

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Profile_HostedVendor_CarriesCompleteData(string id)
    {
        Assert.True(ProviderRegistry.Default.TryGet(id, out ProviderProfile profile));

        Assert.False(string.IsNullOrWhiteSpace(profile.DisplayName));
        Assert.True(profile.Hosts.Length + profile.HostSuffixes.Length > 0);
        Assert.True(profile.KeyRequired);
        Assert.True(profile.StrictPlaceholders);
        Assert.Contains(id, profile.OwnKeyVendors);
        Assert.NotEmpty(profile.KeyEnvironmentVariables);
        Assert.StartsWith("https://", profile.KeysUrl, StringComparison.Ordinal);
        Assert.NotEmpty(profile.RequestIdHeaders);
        Assert.NotEmpty(profile.Rules);
        Assert.NotEmpty(profile.Remediations);
        Assert.True(profile.Remediations.ContainsKey(AuthFailureCause.InvalidKey) || profile.Remediations.ContainsKey(AuthFailureCause.Unknown));
    }

    [Fact]
    public void All_Ids_AreUniqueAndIncludeFallbacks()
    {
        string[] ids = [.. BuiltInProfiles.All.Select(p => p.Id)];

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(BuiltInProfiles.GenericId, ids[^1]);
        Assert.Contains("openai-compatible", ids);
        foreach (string vendor in HostedVendors)
        {
            Assert.Contains(vendor, ids);
        }
    }

    [Fact]
    public void All_Hosts_BelongToOneProfileEach()
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (ProviderProfile profile in BuiltInProfiles.All)
        {
            foreach (string host in profile.Hosts.Concat(profile.HostSuffixes))
            {
                Assert.True(seen.TryAdd(host, profile.Id), $"{host} is claimed by {profile.Id} and {seen.GetValueOrDefault(host)}");
            }
        }
    }

    [Fact]
    public void All_RemediationTemplates_UseOnlyKnownTokens()
    {
        IEnumerable<string> templates = BuiltInProfiles.All.SelectMany(p => p.Remediations.Values)
            .Concat(BuiltInProfiles.All.SelectMany(p => p.Rules).Concat(CommonRules.All).Select(r => r.Remediation).OfType<string>());

        foreach (string template in templates)
        {
            int i = 0;
            while ((i = template.IndexOf('{', i)) >= 0)
            {
                int close = template.IndexOf('}', i);
                Assert.True(close > i, template);
                Assert.Contains(template[(i + 1)..close], Tokens);
                i = close + 1;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Remediation_EveryCause_RendersWithoutPlaceholdersLeft(string id)
    {
        Assert.True(ProviderRegistry.Default.TryGet(id, out ProviderProfile profile));
        var context = new RemediationContext { Host = "h.example", KeyHint = "k…abcd", RequestId = "req_1", Detail = "detail" };

        foreach (AuthFailureCause cause in Enum.GetValues<AuthFailureCause>())
        {
            string text = Remediation.Render(profile, cause, context);

            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.DoesNotContain("{EnvVar}", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{KeysUrl}", text, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> OwnKeys => new()
    {
        { "openai", TestKeys.OpenAIProject() },
        { "anthropic", TestKeys.Anthropic() },
        { "gemini", TestKeys.Google() },
        { "groq", TestKeys.Groq() },
        { "openrouter", TestKeys.OpenRouter() },
        { "xai", TestKeys.XAI() },
        { "huggingface", "h" + "f_" + TestKeys.Body(34) },
        { "fireworks", "f" + "w_" + TestKeys.Body(24) },
        { "perplexity", "pp" + "lx-" + TestKeys.Body(48) },
    };

    [Theory]
    [MemberData(nameof(OwnKeys))]
    public void KeyFormats_VendorKey_MatchesUnmistakablyAndIsOwnToItsProfile(string id, string key)
    {
        KeyFormat? format = KeyFormats.Match(key);

        Assert.NotNull(format);
        Assert.True(format.Unmistakable);
        Assert.True(ProviderRegistry.Default.TryGet(id, out ProviderProfile profile));
        Assert.True(profile.IsOwnVendor(format.Vendor));
        foreach (string other in HostedVendors.Where(v => v != id && v != "openai-compatible"))
        {
            Assert.True(ProviderRegistry.Default.TryGet(other, out ProviderProfile otherProfile));
            Assert.False(otherProfile.IsOwnVendor(format.Vendor), $"{other} claims {id}'s keys");
        }
    }

    [Fact]
    public void KeyFormats_All_HaveSourceAndLongestPrefixFirst()
    {
        for (int i = 0; i < KeyFormats.All.Length; i++)
        {
            Assert.False(string.IsNullOrWhiteSpace(KeyFormats.All[i].Source));
            if (i > 0)
            {
                Assert.True(KeyFormats.All[i - 1].Prefix.Length >= KeyFormats.All[i].Prefix.Length);
            }
        }
    }

    [Fact]
    public void KeyFormats_NoPrefixedKey_MatchesNothing()
    {
        Assert.Null(KeyFormats.Match(TestKeys.Azure()));
        Assert.Null(KeyFormats.Match(TestKeys.Body(32, 3)));
    }

    [Fact]
    public void DeepSeek_SkKey_IsNotForeignButOpenAIProjectKeyIs()
    {
        Assert.True(ProviderRegistry.Default.TryGet("deepseek", out ProviderProfile deepseek));

        Assert.False(KeyFormats.Match(TestKeys.DeepSeek())!.Unmistakable);
        KeyFormat openai = KeyFormats.Match(TestKeys.OpenAIProject())!;
        Assert.True(openai.Unmistakable && !deepseek.IsOwnVendor(openai.Vendor));
    }
}
