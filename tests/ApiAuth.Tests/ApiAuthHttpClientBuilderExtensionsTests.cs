using System.Net;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiAuth.Tests;

public sealed class ApiAuthHttpClientBuilderExtensionsTests
{
    [Fact]
    public void AddApiAuthDiagnostics_NullBuilder_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ApiAuthHttpClientBuilderExtensions.AddApiAuthDiagnostics(null!));

    [Fact]
    public void AddApiAuthDiagnostics_InsideConfigureHttpClientDefaults_ThrowsNotSupportedNamingTheFix()
    {
        // Red-team finding (issue 11): this used to register, then make every CreateClient throw ArgumentNullException.
        var services = new ServiceCollection();

        NotSupportedException e = Assert.Throws<NotSupportedException>(() => services.ConfigureHttpClientDefaults(b => b.AddApiAuthDiagnostics()));

        Assert.Contains("AddHttpClient(\"openai\").AddApiAuthDiagnostics()", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddApiAuthDiagnostics_CalledTwice_AddsOneHandlerAndAppliesBothConfigurations()
    {
        var stub = new RecordingHandler();
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddHttpClient("c", c => c.BaseAddress = new Uri("https://api.openai.com/v1/")).ConfigurePrimaryHttpMessageHandler(() => stub);
        builder.AddApiAuthDiagnostics(o => o.Strict = true);
        builder.AddApiAuthDiagnostics(o => o.Organization = "org-abc");
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
        var request = new HttpRequestMessage(HttpMethod.Get, "models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestKeys.OpenAIProject());

        (await client.SendAsync(request)).Dispose();

        ApiAuthDiagnosticsOptions options = provider.GetRequiredService<IOptionsMonitor<ApiAuthDiagnosticsOptions>>().Get("c");
        Assert.True(options.Strict);
        Assert.Equal("org-abc", stub.Single.Header("OpenAI-Organization"));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public void AddApiAuthDiagnostics_TwoClients_DoNotShareOptions()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("a").AddApiAuthDiagnostics(o => o.Provider = "openai");
        services.AddHttpClient("b").AddApiAuthDiagnostics(o => o.Strict = true);
        using ServiceProvider provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<ApiAuthDiagnosticsOptions>>();

        Assert.Equal("openai", monitor.Get("a").Provider);
        Assert.False(monitor.Get("a").Strict);
        Assert.Null(monitor.Get("b").Provider);
        Assert.True(monitor.Get("b").Strict);
    }

    [Fact]
    public void AddApiAuthDiagnostics_Configuration_BindsSectionThenNamedClient()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiAuth:Strict"] = "true",
            ["ApiAuth:MaxErrorBodyBytes"] = "8192",
            ["ApiAuth:Clients:relay:Provider"] = "openai-compatible",
            ["ApiAuth:Clients:relay:Organization"] = "org-relay",
            ["ApiAuth:Clients:relay:ThrowOnFailure"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddHttpClient("relay").AddApiAuthDiagnostics();
        services.AddHttpClient("other").AddApiAuthDiagnostics(o => o.Strict = false);
        using ServiceProvider provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<ApiAuthDiagnosticsOptions>>();

        ApiAuthDiagnosticsOptions relay = monitor.Get("relay");
        Assert.True(relay.Strict);
        Assert.Equal(8192, relay.MaxErrorBodyBytes);
        Assert.Equal("openai-compatible", relay.Provider);
        Assert.Equal("org-relay", relay.Organization);
        Assert.False(relay.ThrowOnFailure);
        ApiAuthDiagnosticsOptions other = monitor.Get("other");
        Assert.False(other.Strict);
        Assert.Null(other.Provider);
    }

    [Theory]
    [InlineData("no-such-provider", "Unknown provider")]
    [InlineData(null, "MaxErrorBodyBytes")]
    public void Options_Invalid_FailValidationWithClearMessage(string? provider, string expected)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddApiAuthDiagnostics(o =>
        {
            o.Provider = provider;
            if (provider is null)
            {
                o.MaxErrorBodyBytes = 1;
            }
        });
        using ServiceProvider provider2 = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider2.GetRequiredService<IOptionsMonitor<ApiAuthDiagnosticsOptions>>().Get("c"));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddApiAuthDiagnostics_ValidateOnStart_FailsHostStartForPlaceholderKey()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddApiAuthDiagnostics(o => o.ApiKey = "${OPENAI_API_KEY}");
        using ServiceProvider provider = services.BuildServiceProvider();
        var validator = provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>();

        var e = Assert.Throws<OptionsValidationException>(validator.Validate);

        Assert.Contains("PlaceholderKey", e.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(null, "is not set in this process")]
    [InlineData("", "is set but empty in this process")]
    public void ValidateOnStart_KeyVariableUnsetOrEmpty_FailsNamingTheVariable_Issue12(string? value, string state)
    {
        string variable = "APIAUTH_TEST_MISSING_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            var services = new ServiceCollection();
            services.AddHttpClient("c").AddApiAuthDiagnostics(o => o.ApiKeyEnvironmentVariable = variable);
            using ServiceProvider provider = services.BuildServiceProvider();

            var e = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);

            Assert.Contains($"MissingKey: the environment variable {variable} {state}", e.Message, StringComparison.Ordinal);
            Assert.Contains(".env file is not loaded", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void CreateClient_KeyVariableUnsetWithoutHost_ThrowsTheSameMissingKeyBeforeAnyRequest_Issue12()
    {
        // Without a host nothing runs ValidateOnStart: the options are validated when the first handler is built.
        string variable = "APIAUTH_TEST_NOHOST_" + Guid.NewGuid().ToString("N");
        var stub = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("c").ConfigurePrimaryHttpMessageHandler(() => stub).AddApiAuthDiagnostics(o => o.ApiKeyEnvironmentVariable = variable);
        using ServiceProvider provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("c"));

        Assert.Contains($"MissingKey: the environment variable {variable} is not set", e.Message, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void ValidateOnStart_KeyVariableSet_PassesAndMessageNeverHoldsTheValue_Issue12()
    {
        string variable = "APIAUTH_TEST_SET_" + Guid.NewGuid().ToString("N");
        string key = TestKeys.OpenAIProject(55);
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            var services = new ServiceCollection();
            services.AddHttpClient("c").AddApiAuthDiagnostics(o => o.ApiKeyEnvironmentVariable = variable);
            using ServiceProvider provider = services.BuildServiceProvider();

            provider.GetRequiredService<IStartupValidator>().Validate();

            // The same variable holding a placeholder fails for that reason, with a hint, never the value.
            Environment.SetEnvironmentVariable(variable, "sk-your-key-here");
            var services2 = new ServiceCollection();
            services2.AddHttpClient("c").AddApiAuthDiagnostics(o => o.ApiKeyEnvironmentVariable = variable);
            using ServiceProvider provider2 = services2.BuildServiceProvider();
            var e = Assert.Throws<OptionsValidationException>(provider2.GetRequiredService<IStartupValidator>().Validate);
            Assert.DoesNotContain("MissingKey", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("your-key-here", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void ValidateOnStart_ApiKeySetAndVariableUnset_Passes_Issue12()
    {
        string variable = "APIAUTH_TEST_UNUSED_" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddApiAuthDiagnostics(o =>
        {
            o.ApiKey = TestKeys.OpenAIProject(56);
            o.ApiKeyEnvironmentVariable = variable;
        });
        services.AddHttpClient("none").AddApiAuthDiagnostics();
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("http://llm.example.com/v1/", false, true)]
    [InlineData("http://llm.example.com/v1/", true, false)]
    [InlineData("http://127.0.0.1:8080/v1/", false, false)]
    [InlineData("https://api.openai.com/v1/", false, false)]
    public void ValidateOnStart_PlainHttpBaseAddressToRemoteHost_Fails(string baseAddress, bool allowInsecure, bool fails)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c", c => c.BaseAddress = new Uri(baseAddress)).AddApiAuthDiagnostics(o => o.AllowInsecureHttp = allowInsecure);
        using ServiceProvider provider = services.BuildServiceProvider();
        var validator = provider.GetRequiredService<IStartupValidator>();

        Exception? e = Record.Exception(validator.Validate);

        Assert.Equal(fails, e is OptionsValidationException);
        if (fails)
        {
            Assert.Contains("plain http", e!.Message, StringComparison.Ordinal);
        }
    }
}
