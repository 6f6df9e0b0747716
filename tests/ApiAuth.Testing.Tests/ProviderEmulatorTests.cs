using ApiAuth.Testing.Internal;

namespace ApiAuth.Testing.Tests;

public sealed class ProviderEmulatorTests
{
    [Theory]
    [InlineData("openai", EmulatedProvider.OpenAI, "/v1", "https://api.openai.com/")]
    [InlineData("OpenAI-Compatible", EmulatedProvider.OpenAICompatible, "/v1", "http://openai-compatible.emulator.test/")]
    [InlineData("azure-openai", EmulatedProvider.AzureOpenAI, "/openai", "https://emulated-resource.openai.azure.com/")]
    [InlineData("anthropic", EmulatedProvider.Anthropic, "/v1", "https://api.anthropic.com/")]
    [InlineData(" gemini ", EmulatedProvider.Gemini, "/v1beta", "https://generativelanguage.googleapis.com/")]
    public void Constructor_ProviderId_SelectsProvider(string id, EmulatedProvider expected, string basePath, string baseAddress)
    {
        var emulator = new ProviderEmulator(id);

        Assert.Equal(expected, emulator.Provider);
        Assert.Equal(id.Trim().ToLowerInvariant(), emulator.ProviderId);
        Assert.Equal(basePath, emulator.BasePath);
        Assert.Equal(new Uri(baseAddress), emulator.DefaultBaseAddress);
    }

    [Fact]
    public void Constructor_UnknownProviderId_ThrowsNamingTheValidIds()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ProviderEmulator("mistral"));

        Assert.Contains("openai, openai-compatible, azure-openai, anthropic or gemini", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new ProviderEmulator((string)null!));
    }

    [Fact]
    public void WithMethods_NullOrEmptyArguments_Throw()
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAI);

        Assert.Throws<ArgumentNullException>(() => emulator.WithKey(null!));
        Assert.Throws<ArgumentException>(() => emulator.WithKey(string.Empty));
        Assert.Throws<ArgumentException>(() => emulator.WithRevokedKey(string.Empty));
        Assert.Throws<ArgumentException>(() => emulator.WithKey("k", b => b.Organization(" ")));
        Assert.Throws<ArgumentNullException>(() => emulator.WithBasePath(null!));
        Assert.Throws<ArgumentException>(() => emulator.WithModels());
        Assert.Throws<ArgumentNullException>(() => emulator.WithTimeProvider(null!));
    }

    [Theory]
    [InlineData("api/v1/", "/api/v1")]
    [InlineData("/", "")]
    [InlineData("", "")]
    public void WithBasePath_AnyForm_IsNormalized(string basePath, string expected)
    {
        var emulator = new ProviderEmulator(EmulatedProvider.OpenAICompatible).WithBasePath(basePath);

        Assert.Equal(expected, emulator.BasePath);
    }

    [Theory]
    [InlineData("foobar", "foobar")]
    [InlineData("sk-abcdefghij", "sk-abcde*ghij")]
    public void OpenAIStyle_Key_MasksAllButFirstEightAndLastFour(string key, string expected)
    {
        Assert.Equal(expected, KeyMasking.OpenAIStyle(key));
    }
}
