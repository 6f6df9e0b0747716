using System.Net;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiAuth.Tests;

/// <summary>Users add a profile for their own gateway or relay, in code or in configuration.</summary>
public sealed class CustomProviderTests
{
    private static readonly string Key = TestKeys.OpenAIProject(31);

    private static HttpClient Build(ServiceCollection services, RecordingHandler stub, string baseAddress, Action<ApiAuthDiagnosticsOptions>? configure = null)
    {
        services.AddHttpClient("relay", c => c.BaseAddress = new Uri(baseAddress)).ConfigurePrimaryHttpMessageHandler(() => stub).AddApiAuthDiagnostics(configure);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("relay");
    }

    [Fact]
    public async Task AddApiAuthProvider_InCode_IsChosenByHostWithItsRulesAndRemediation()
    {
        var services = new ServiceCollection();
        services.AddApiAuthProvider("acme-relay", p =>
        {
            p.DisplayName = "ACME relay";
            p.Hosts.Add("*.relay.acme.example");
            p.KeyEnvironmentVariables.Add("ACME_RELAY_KEY");
            p.KeysUrl = "https://relay.acme.example/keys";
            p.RequestIdHeaders.Add("x-acme-trace");
            var rule = new ApiAuthErrorRule { Cause = AuthFailureCause.ExpiredCredential };
            rule.Codes.Add("ACME_TOKEN_STALE");
            p.Rules.Add(rule);
        });
        var stub = RecordingHandler.Answering(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"ACME_TOKEN_STALE\",\"message\":\"stale\"}}", headers: ("x-acme-trace", "trace-42"));
        HttpClient client = Build(services, stub, "https://eu.relay.acme.example/v1/");
        var request = new HttpRequestMessage(HttpMethod.Get, "models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(request));

        Assert.Equal("acme-relay", e.Failure.Provider);
        Assert.Equal(AuthFailureCause.ExpiredCredential, e.Failure.Cause);
        Assert.Equal("trace-42", e.Failure.RequestId);
        Assert.Contains("ACME_RELAY_KEY", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Contains("https://relay.acme.example/keys", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_FromConfiguration_BindAndApplyToNamedClient()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiAuth:Providers:corp-gateway:BasedOn"] = "openai",
            ["ApiAuth:Providers:corp-gateway:DisplayName"] = "Corp LLM gateway",
            ["ApiAuth:Providers:corp-gateway:Hosts:0"] = "llm.corp.example",
            ["ApiAuth:Providers:corp-gateway:KeyEnvironmentVariables:0"] = "CORP_LLM_KEY",
            ["ApiAuth:Providers:corp-gateway:Rules:0:Cause"] = "AccountDisabled",
            ["ApiAuth:Providers:corp-gateway:Rules:0:MessageContains:0"] = "cost center frozen",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        var stub = RecordingHandler.Answering(HttpStatusCode.Forbidden, "{\"message\":\"Your cost center frozen by finance\"}");
        HttpClient client = Build(services, stub, "https://llm.corp.example/v1/");

        // Based on the OpenAI profile: a missing key is refused before sending, naming the gateway's variable.
        ApiAuthException missing = await Assert.ThrowsAsync<ApiAuthException>(() => client.GetAsync("models"));
        Assert.Equal(AuthFailureCause.MissingKey, missing.Failure.Cause);
        Assert.Equal("corp-gateway", missing.Failure.Provider);
        Assert.Contains("CORP_LLM_KEY", missing.Failure.Remediation, StringComparison.Ordinal);

        var request = new HttpRequestMessage(HttpMethod.Get, "models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
        ApiAuthException frozen = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(request));
        Assert.Equal(AuthFailureCause.AccountDisabled, frozen.Failure.Cause);
    }

    [Fact]
    public async Task ClientProvider_NamesCustomProfileById()
    {
        var services = new ServiceCollection();
        services.AddApiAuthProvider("bare-key-relay", p =>
        {
            p.KeyHeader = "x-relay-key";
            p.KeyScheme = string.Empty;
            p.KeyRequired = true;
        });
        var stub = new RecordingHandler();
        HttpClient client = Build(services, stub, "http://127.0.0.1:9/", o => o.Provider = "bare-key-relay");
        var request = new HttpRequestMessage(HttpMethod.Get, "models");
        request.Headers.TryAddWithoutValidation("x-relay-key", " " + Key + "\n");

        (await client.SendAsync(request)).Dispose();

        Assert.Equal(Key, stub.Single.Header("x-relay-key"));
    }

    [Fact]
    public void AddApiAuthProvider_UnknownBase_FailsValidationAtStart()
    {
        var services = new ServiceCollection();
        services.AddApiAuthProvider("x", p => p.BasedOn = "nope");
        services.AddHttpClient("c").AddApiAuthDiagnostics();
        using ServiceProvider provider = services.BuildServiceProvider();

        var e = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("unknown provider 'nope'", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiAuthProviderOptions_IsABindingContainerOnly_NotPublic()
    {
        Assert.False(typeof(ApiAuthProviderOptions).IsPublic);
        Assert.True(typeof(ApiAuthServiceCollectionExtensions).GetMethod(nameof(ApiAuthServiceCollectionExtensions.AddApiAuthProvider))!.IsPublic);
        Assert.Null(typeof(ApiAuthHttpClientBuilderExtensions).GetMethod("AddApiAuthProvider"));
    }

    [Fact]
    public void AddApiAuthProvider_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ApiAuthServiceCollectionExtensions.AddApiAuthProvider(null!, "x", _ => { }));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddApiAuthProvider(" ", _ => { }));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddApiAuthProvider("x", null!));
    }
}
