using ApiAuth.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Tests.Providers;

/// <summary>The public catalog (<see cref="ApiAuthProviderInfo"/>): what it states, and that it states what the library does.</summary>
public sealed class ProviderCatalogTests
{
    [Fact]
    public void BuiltIn_Ids_AreUniqueAndTheOnesTheOfflineApiKnows()
    {
        string[] ids = [.. ApiAuthProviderInfo.BuiltIn.Select(p => p.Id)];

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(ApiAuthDiagnostics.ProviderIds.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.All(ApiAuthProviderInfo.BuiltIn, p => Assert.True(p.IsBuiltIn));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("GEMINI")]
    [InlineData("Azure-OpenAI")]
    public void Find_KnownIdAnyCase_ReturnsThatProvider(string id)
    {
        ApiAuthProviderInfo? info = ApiAuthProviderInfo.Find(id);

        Assert.NotNull(info);
        Assert.Equal(id, info.Id, ignoreCase: true);
        Assert.Equal(info.Id, info.ToString());
    }

    [Fact]
    public void Find_UnknownOrNull_ReturnsNullOrThrows()
    {
        Assert.Null(ApiAuthProviderInfo.Find("no-such-provider"));
        Assert.Throws<ArgumentNullException>(() => ApiAuthProviderInfo.Find(null!));
        Assert.Throws<ArgumentNullException>(() => ApiAuthProviderInfo.GetAll(null!));
    }

    [Fact]
    public void Find_Gemini_StatesWhereGoogleReadsTheKey()
    {
        ApiAuthProviderInfo gemini = ApiAuthProviderInfo.Find("gemini")!;

        Assert.Equal("Google Gemini", gemini.DisplayName);
        Assert.Equal(["generativelanguage.googleapis.com"], gemini.Hosts);
        Assert.Equal([("x-goog-api-key", (string?)null), ("Authorization", "Bearer")], gemini.KeyPlacements);
        Assert.Equal("key", gemini.KeyQueryParameter);
        Assert.Equal(["GEMINI_API_KEY", "GOOGLE_API_KEY"], gemini.KeyEnvironmentVariables);
        Assert.Equal("https://aistudio.google.com/apikey", gemini.KeysUrl);
        var aiza = Assert.Single(gemini.KeyFormats, f => f.Prefix == "AIza");
        Assert.Equal(("gemini", 39, 39, true), (aiza.Vendor, aiza.MinLength, aiza.MaxLength, aiza.Unmistakable));
    }

    [Fact]
    public void Find_AzureOpenAI_HasSuffixHostsAndNoKeyFormat()
    {
        ApiAuthProviderInfo azure = ApiAuthProviderInfo.Find("azure-openai")!;

        Assert.Contains("*.openai.azure.com", azure.Hosts);
        Assert.All(azure.Hosts, h => Assert.StartsWith("*.", h, StringComparison.Ordinal));
        Assert.Equal(("api-key", (string?)null), azure.KeyPlacements[0]);
        Assert.Empty(azure.KeyFormats);
        Assert.Null(azure.KeyQueryParameter);
    }

    [Fact]
    public void KeyFormats_OpenAI_MostCommonFirstAndOnlyOpenAIs()
    {
        ApiAuthProviderInfo openai = ApiAuthProviderInfo.Find("openai")!;

        Assert.Equal("sk-proj-", openai.KeyFormats[0].Prefix);
        Assert.All(openai.KeyFormats, f => Assert.Equal("openai", f.Vendor));
        Assert.Contains(openai.KeyFormats, f => f is { Prefix: "sk-", Unmistakable: false });
    }

    [Fact]
    public void KeyFormats_OpenAICompatible_ListsAIVendorsOnly()
    {
        ApiAuthProviderInfo compatible = ApiAuthProviderInfo.Find("openai-compatible")!;

        Assert.Empty(compatible.Hosts);
        Assert.Contains(compatible.KeyFormats, f => f.Vendor == "anthropic");
        Assert.Contains(compatible.KeyFormats, f => f.Vendor == "groq");
        Assert.DoesNotContain(compatible.KeyFormats, f => f.Vendor is "github" or "aws" or "stripe" or "slack" or "gitlab");
    }

    [Fact]
    public void Hosts_EveryListedHost_IsDetectedAsThatProvider()
    {
        int checkedHosts = 0;
        foreach (ApiAuthProviderInfo info in ApiAuthProviderInfo.BuiltIn)
        {
            foreach (string host in info.Hosts)
            {
                string name = host.StartsWith("*.", StringComparison.Ordinal) ? "my-resource" + host[1..] : host;
                Assert.Equal(info.Id, ApiAuthDiagnostics.DetectProvider(new Uri("https://" + name + "/")));
                checkedHosts++;
            }
        }

        Assert.True(checkedHosts > 10, $"only {checkedHosts} hosts");
    }

    [Fact]
    public void KeyFormats_Published_AreCoherentData()
    {
        KeyFormat[] published = KeyFormats.Published();

        Assert.Equal(published.Length, KeyFormats.All.Length);
        Assert.Equal(published.Length, published.Select(f => f.Prefix).Distinct(StringComparer.Ordinal).Count());
        foreach (KeyFormat format in published)
        {
            Assert.False(string.IsNullOrEmpty(format.Prefix), format.ToString());
            Assert.True(format.MinLength > format.Prefix.Length, format + ": the shortest key is longer than its prefix");
            Assert.InRange(format.MaxLength, format.MinLength, KeyFormats.Unbounded);
            Assert.NotEmpty(format.Alphabet);
            Assert.Equal(format.Alphabet.Length, format.Alphabet.Distinct().Count());
            Assert.All(format.Alphabet, c => Assert.True(c > ' ' && c < 127, format + ": printable ASCII only"));
        }
    }

    [Fact]
    public void KeyFormats_KeysBuiltFromEveryFormat_MatchThatFormat()
    {
        int seed = 1;
        foreach (KeyFormat format in KeyFormats.All)
        {
            foreach (int length in (int[])[format.MinLength, format.MaxLength])
            {
                string key = Build(format.Prefix, length, format.Alphabet, seed++);

                Assert.Same(format, KeyFormats.Match(key));
            }
        }
    }

    [Fact]
    public void KeyFormats_EveryProvidersOwnFormat_IsRecognisedByCheckKey()
    {
        int seed = 100, checkedKeys = 0;
        foreach (ApiAuthProviderInfo info in ApiAuthProviderInfo.BuiltIn)
        {
            foreach (var format in info.KeyFormats.Where(f => f.Vendor == info.Id))
            {
                string key = Build(format.Prefix, format.MinLength, format.Alphabet, seed++);

                KeyCheck check = ApiAuthDiagnostics.CheckKey(key, info.Id);

                Assert.Equal(format.Vendor, check.Vendor);
                Assert.True(check.WouldSend, $"{info.Id} refuses a key of its own format {format.Prefix}: {check.Failure?.Cause}");
                checkedKeys++;
            }
        }

        Assert.True(checkedKeys > 10, $"only {checkedKeys} keys");
    }

    [Fact]
    public void GetAll_NoApiAuthRegistration_IsTheBuiltInCatalog()
    {
        using ServiceProvider services = new ServiceCollection().BuildServiceProvider();

        IReadOnlyList<ApiAuthProviderInfo> all = ApiAuthProviderInfo.GetAll(services);

        Assert.Equal(ApiAuthProviderInfo.BuiltIn, all);
    }

    [Fact]
    public void GetAll_ProfileRegisteredInCode_ListedFirstWithItsBaseFacts()
    {
        var collection = new ServiceCollection();
        collection.AddApiAuthProvider("acme-relay", p =>
        {
            p.BasedOn = "anthropic";
            p.DisplayName = "ACME relay";
            p.Hosts.Add("*.relay.acme.example");
            p.Hosts.Add("relay.acme.example");
            p.KeyEnvironmentVariables.Add("ACME_RELAY_KEY");
            p.KeysUrl = "https://relay.acme.example/keys";
        });
        using ServiceProvider services = collection.BuildServiceProvider();

        IReadOnlyList<ApiAuthProviderInfo> all = ApiAuthProviderInfo.GetAll(services);

        ApiAuthProviderInfo acme = all[0];
        Assert.Equal(("acme-relay", "ACME relay", false), (acme.Id, acme.DisplayName, acme.IsBuiltIn));
        Assert.Equal(["relay.acme.example", "*.relay.acme.example"], acme.Hosts);
        Assert.Equal(ApiAuthProviderInfo.Find("anthropic")!.KeyPlacements, acme.KeyPlacements);
        Assert.Equal(["ACME_RELAY_KEY"], acme.KeyEnvironmentVariables);
        Assert.Equal("https://relay.acme.example/keys", acme.KeysUrl);
        Assert.Contains(acme.KeyFormats, f => f.Prefix == "sk-ant-");
        Assert.Equal(ApiAuthProviderInfo.BuiltIn, all.Skip(1));
        Assert.Null(ApiAuthProviderInfo.Find("acme-relay"));
    }

    [Fact]
    public void GetAll_ProfileFromConfiguration_IsListed()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiAuth:Providers:corp-gateway:BasedOn"] = "openai",
            ["ApiAuth:Providers:corp-gateway:Hosts:0"] = "llm.corp.example",
            ["ApiAuth:Providers:corp-gateway:KeyHeader"] = "x-corp-key",
            ["ApiAuth:Providers:corp-gateway:KeyScheme"] = string.Empty,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton(configuration);
        collection.AddHttpClient("corp").AddApiAuthDiagnostics();
        using ServiceProvider services = collection.BuildServiceProvider();

        ApiAuthProviderInfo corp = Assert.Single(ApiAuthProviderInfo.GetAll(services), p => p.Id == "corp-gateway");

        Assert.Equal(["llm.corp.example"], corp.Hosts);
        Assert.Equal(("x-corp-key", (string?)null), corp.KeyPlacements[0]);
        Assert.Equal("corp-gateway", corp.DisplayName);
        Assert.Equal(["OPENAI_API_KEY"], corp.KeyEnvironmentVariables);
    }

    [Fact]
    public void GetAll_ProfileReplacingBuiltInId_ListedOnceAsTheApplications()
    {
        var collection = new ServiceCollection();
        collection.AddApiAuthProvider("openai", p => p.Hosts.Add("openai.proxy.example"));
        using ServiceProvider services = collection.BuildServiceProvider();

        IReadOnlyList<ApiAuthProviderInfo> all = ApiAuthProviderInfo.GetAll(services);

        ApiAuthProviderInfo openai = Assert.Single(all, p => p.Id == "openai");
        Assert.False(openai.IsBuiltIn);
        Assert.Equal(["openai.proxy.example"], openai.Hosts);
        Assert.Equal(ApiAuthProviderInfo.BuiltIn.Count, all.Count);
    }

    [Fact]
    public void GetAll_ProfileBasedOnUnknownProvider_ThrowsInvalidOperationException()
    {
        var collection = new ServiceCollection();
        collection.AddApiAuthProvider("x", p => p.BasedOn = "nope");
        using ServiceProvider services = collection.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => ApiAuthProviderInfo.GetAll(services));

        Assert.Contains("unknown provider 'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderRegistry_From_ContainerWithoutRegistry_IsDefault()
    {
        using ServiceProvider empty = new ServiceCollection().BuildServiceProvider();
        var collection = new ServiceCollection();
        collection.AddApiAuthProvider("acme", _ => { });
        using ServiceProvider withProfile = collection.BuildServiceProvider();

        Assert.Same(ProviderRegistry.Default, ProviderRegistry.From(null));
        Assert.Same(ProviderRegistry.Default, ProviderRegistry.From(empty));
        Assert.NotSame(ProviderRegistry.Default, ProviderRegistry.From(withProfile));
        Assert.True(ProviderRegistry.From(withProfile).TryGet("acme", out _));
    }

    private static string Build(string prefix, int length, string alphabet, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length - prefix.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return prefix + new string(chars);
    }
}
