using ApiAuth.Providers;

namespace ApiAuth.Tests.Providers;

/// <summary>
/// The analyzers (ApiAuth.Analyzers) link ProviderEndpoints.Data.cs for hosts, key headers and key variables; the handler
/// reads the profiles. These tests fail when the two disagree: each built-in profile that answers on hosts must carry
/// exactly its endpoint's hosts, placements and variables, as the public catalog reports them.
/// </summary>
public sealed class ProviderEndpointsAgreementTests
{
    public static TheoryData<string> EndpointIds => new(ProviderEndpoints.Published().Select(static e => e.Id));

    [Fact]
    public void Published_EveryBuiltInProviderWithHosts_HasExactlyOneEndpoint_Issue16()
    {
        string[] withHosts = [.. ApiAuthProviderInfo.BuiltIn.Where(static p => p.Hosts.Count > 0).Select(static p => p.Id).Order(StringComparer.Ordinal)];
        string[] endpoints = [.. ProviderEndpoints.Published().Select(static e => e.Id).Order(StringComparer.Ordinal)];

        Assert.NotEmpty(withHosts);
        Assert.Equal(withHosts, endpoints);
    }

    [Theory]
    [MemberData(nameof(EndpointIds))]
    public void Catalog_HostsPlacementsAndVariables_EqualTheEndpointData_Issue16(string id)
    {
        ProviderEndpoint endpoint = Array.Find(ProviderEndpoints.Published(), e => e.Id == id)!;
        ApiAuthProviderInfo info = ApiAuthProviderInfo.Find(id)!;

        Assert.Equal(endpoint.DisplayName, info.DisplayName);
        Assert.Equal([.. endpoint.Hosts, .. endpoint.HostSuffixes.Select(static s => "*" + s)], info.Hosts);
        Assert.Equal(endpoint.KeyPlacements.Select(static p => (p.Header, p.Scheme)), info.KeyPlacements);
        Assert.Equal(endpoint.KeyEnvironmentVariables, info.KeyEnvironmentVariables);
    }

    [Theory]
    [MemberData(nameof(EndpointIds))]
    public void Profile_MatchesEveryEndpointHost_Issue16(string id)
    {
        ProviderEndpoint endpoint = Array.Find(ProviderEndpoints.Published(), e => e.Id == id)!;
        ProviderProfile profile = Array.Find(BuiltInProfiles.All, p => p.Id == id)!;
        string[] hosts = [.. endpoint.Hosts, .. endpoint.HostSuffixes.Select(static s => "resource" + s)];

        Assert.NotEmpty(hosts);
        Assert.All(hosts, host => Assert.True(profile.Matches(host) && endpoint.Matches(host), host));
        Assert.False(endpoint.Matches("example.com"));
    }
}
