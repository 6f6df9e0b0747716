using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Tests.TestDoubles;
using ApiAuth.Testing;

namespace ApiAuth.Cli.Tests.Doctor;

/// <summary>The doctor's providers read the library's catalog; only CLI facts are the CLI's own.</summary>
public class ProviderSetupTests
{
    [Fact]
    public void All_EveryProvider_IsTheCatalogsEntryForItsId()
    {
        foreach (ProviderSetup setup in ProviderSetup.All)
        {
            ApiAuthProviderInfo? info = ApiAuthProviderInfo.Find(setup.Id);

            Assert.Same(info, setup.Info);
            Assert.Equal(info!.DisplayName, setup.Name);
            Assert.StartsWith(info.KeysUrl!, setup.KeysUrl, StringComparison.Ordinal);
        }

        Assert.Equal(["openai", "azure-openai", "anthropic", "gemini"], ProviderSetup.Ids);
    }

    [Fact]
    public void KeyVariables_AreTheCatalogsInTheSdksOrder()
    {
        foreach (ProviderSetup setup in ProviderSetup.All)
        {
            Assert.Equal(setup.Info.KeyEnvironmentVariables.Order(StringComparer.Ordinal), setup.KeyVariables.Order(StringComparer.Ordinal));
            if (setup.SdkPreferredKeyVariable is { } preferred)
            {
                Assert.Contains(preferred, setup.Info.KeyEnvironmentVariables);
                Assert.Equal(preferred, setup.KeyVariables[0]);
            }
        }

        // The Google Gen AI SDKs read GOOGLE_API_KEY before GEMINI_API_KEY; the library's remediations name GEMINI_API_KEY first.
        Assert.Equal(["GOOGLE_API_KEY", "GEMINI_API_KEY"], ProviderSetup.Gemini.KeyVariables);
        Assert.Equal("GEMINI_API_KEY", ProviderSetup.Gemini.Info.KeyEnvironmentVariables[0]);
    }

    [Fact]
    public void KeyExample_IsTheCatalogsFirstUnmistakablePrefix_OrTheCliWordingForAzure()
    {
        Assert.Equal("sk-proj-…", ProviderSetup.OpenAI.KeyExample);
        Assert.Equal("sk-ant-…", ProviderSetup.Anthropic.KeyExample);
        Assert.Equal("AIza…", ProviderSetup.Gemini.KeyExample);
        Assert.Equal("<Key 1 of the resource>", ProviderSetup.AzureOpenAI.KeyExample);
        Assert.True(ProviderSetup.OpenAI.HasKeyFormat);
        Assert.False(ProviderSetup.AzureOpenAI.HasKeyFormat);
    }

    [Theory]
    [InlineData("openai", "api.openai.com", true)]
    [InlineData("azure-openai", "my-resource.openai.azure.com", true)]
    [InlineData("azure-openai", "my-resource.services.ai.azure.com", true)]
    [InlineData("azure-openai", "openai.azure.com.evil.example", false)]
    [InlineData("anthropic", "api.anthropic.com", true)]
    [InlineData("anthropic", "api.openai.com", false)]
    [InlineData("gemini", "generativelanguage.googleapis.com", true)]
    public void Serves_HostsFromTheLibrarysDetection(string id, string host, bool expected)
    {
        Assert.Equal(expected, ProviderSetup.Find(id)!.Serves(host));
    }

    [Fact]
    public void AllVariables_CoverEveryKeyAndBaseUrlVariableOnce()
    {
        Assert.Equal(ProviderSetup.AllVariables.Count, ProviderSetup.AllVariables.Distinct(StringComparer.Ordinal).Count());
        foreach (ProviderSetup setup in ProviderSetup.All)
        {
            Assert.All(setup.Info.KeyEnvironmentVariables, v => Assert.Contains(v, ProviderSetup.AllVariables));
            Assert.Contains(setup.BaseUrlVariable, ProviderSetup.AllVariables);
            Assert.Same(setup, ProviderSetup.ForBaseUrlVariable(setup.BaseUrlVariable));
        }

        Assert.Same(ProviderSetup.OpenAI, ProviderSetup.ForVariable("OPENAI_PROJECT_ID"));
        Assert.Null(ProviderSetup.ForVariable("PATH"));
    }

    [Fact]
    public void ForVendor_KeyCheckVendorIds_MapToTheDoctorsProviders()
    {
        Assert.Same(ProviderSetup.Gemini, ProviderSetup.ForVendor(ApiAuthDiagnostics.CheckKey(TestKeys.Gemini(), "generic").Vendor));
        Assert.Same(ProviderSetup.Anthropic, ProviderSetup.ForVendor(ApiAuthDiagnostics.CheckKey(TestKeys.Anthropic(), "generic").Vendor));
        Assert.Null(ProviderSetup.ForVendor(ApiAuthDiagnostics.CheckKey(TestKeys.OpenRouter(), "generic").Vendor));
        Assert.Null(ProviderSetup.ForVendor(null));
    }

    [Fact]
    public void EmulatedProviders_EveryOneTheEmulatorSpeaksFor_IsInTheCatalog()
    {
        foreach (EmulatedProvider provider in Enum.GetValues<EmulatedProvider>())
        {
            Assert.NotNull(ApiAuthProviderInfo.Find(new ProviderEmulator(provider).ProviderId));
        }
    }
}
