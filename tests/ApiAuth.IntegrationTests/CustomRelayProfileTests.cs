using System.Net;
using ApiAuth.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.IntegrationTests;

/// <summary>
/// A relay ApiAuth does not ship, described only in configuration (<c>ApiAuth:Providers</c>), diagnosed over a real socket:
/// the OpenAI-compatible emulator on 127.0.0.1 plays the relay.
/// </summary>
public sealed class CustomRelayProfileTests
{
    private static readonly string GoodKey = "sk-" + "relay-" + new string('g', 40) + "Ok12";
    private static readonly string RevokedKey = "sk-" + "relay-" + new string('r', 40) + "Rv34";

    private static (ServiceProvider Services, HttpClient Client) Build(EmulatorServer server)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiAuth:Providers:team-relay:BasedOn"] = "openai-compatible",
            ["ApiAuth:Providers:team-relay:DisplayName"] = "the team relay",
            ["ApiAuth:Providers:team-relay:Hosts:0"] = "127.0.0.1",
            ["ApiAuth:Providers:team-relay:KeyRequired"] = "true",
            ["ApiAuth:Providers:team-relay:KeyEnvironmentVariables:0"] = "TEAM_RELAY_KEY",
            ["ApiAuth:Providers:team-relay:KeysUrl"] = "https://relay.example.internal/keys",
            ["ApiAuth:Providers:team-relay:Rules:0:Cause"] = "InvalidKey",
            ["ApiAuth:Providers:team-relay:Rules:0:Codes:0"] = "invalid_api_key",
            ["ApiAuth:Providers:team-relay:Rules:0:Remediation"] = "The relay does not know the key {KeyHint}; ask #ai-platform for a new one and put it in {EnvVar}.",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddHttpClient("relay", c => c.BaseAddress = new Uri(server.BaseAddress, "v1/")).AddApiAuthDiagnostics();
        ServiceProvider provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient("relay"));
    }

    private static HttpRequestMessage Models(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "models");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        return request;
    }

    [Fact(Timeout = 60_000)]
    public async Task CustomProfileFromConfiguration_RealSocket_DiagnosesWithItsOwnWording()
    {
        ProviderEmulator emulator = new ProviderEmulator(EmulatedProvider.OpenAICompatible).WithKey(GoodKey).WithRevokedKey(RevokedKey);
        await using EmulatorServer server = await emulator.StartServerAsync(TestContext.Current.CancellationToken);
        (ServiceProvider services, HttpClient client) = Build(server);
        await using (services)
        {
            using HttpResponseMessage ok = await client.SendAsync(Models(GoodKey), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

            ApiAuthException missing = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(Models(null), TestContext.Current.CancellationToken));
            Assert.Equal(AuthFailureCause.MissingKey, missing.Failure.Cause);
            Assert.Equal("team-relay", missing.Failure.Provider);
            Assert.Contains("TEAM_RELAY_KEY", missing.Failure.Remediation, StringComparison.Ordinal);

            ApiAuthException revoked = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(Models(RevokedKey), TestContext.Current.CancellationToken));
            Assert.Equal(AuthFailureCause.InvalidKey, revoked.Failure.Cause);
            Assert.True(revoked.Failure.RequestWasSent);
            Assert.StartsWith("The relay does not know the key", revoked.Failure.Remediation, StringComparison.Ordinal);
            Assert.Contains("TEAM_RELAY_KEY", revoked.Failure.Remediation, StringComparison.Ordinal);
            Assert.NotNull(revoked.Failure.RequestId);

            Assert.Equal(2, emulator.ReceivedRequests.Count);
        }
    }
}
