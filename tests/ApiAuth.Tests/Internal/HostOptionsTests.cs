using System.Net;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

public sealed class HostOptionsTests
{
    private static readonly string Key = TestKeys.OpenAIProject(55);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_HostNotInAllowedHosts_IsRefusedAsWrongEndpoint(bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowedHosts.Add("api.openai.com"), baseAddress: "https://api.openai.com.evil.example/v1/");

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + Key);

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Contains("AllowedHosts", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1/", "api.openai.com")]
    [InlineData("https://my-resource.openai.azure.com/openai/", "*.openai.azure.com")]
    public async Task Send_HostInAllowedHosts_IsSent(string baseAddress, string allowed)
    {
        using var client = new TestClient(new RecordingHandler(), o =>
        {
            o.AllowedHosts.Add(allowed);
            o.Provider = "openai-compatible";
        }, baseAddress: baseAddress);

        using HttpResponseMessage response = await client.PostAsync(false, "Bearer " + Key);

        Assert.Single(client.Stub.Requests);
    }

    [Fact]
    public async Task Send_HostMappedToOpenAIProfile_GetsOpenAIChecks()
    {
        using var client = new TestClient(new RecordingHandler(), o => o.HostProviders["llm-gateway.corp.example"] = "openai", baseAddress: "https://llm-gateway.corp.example/v1/");

        ApiAuthException e = await client.RefusedAsync(false);

        Assert.Equal(AuthFailureCause.MissingKey, e.Failure.Cause);
        Assert.Equal("openai", e.Failure.Provider);
    }

    [Fact]
    public async Task Send_UnmappedUnknownHost_GetsGenericProfile()
    {
        using var client = new TestClient(RecordingHandler.Answering(HttpStatusCode.Unauthorized, "{\"message\":\"Unauthorized\"}"), baseAddress: "https://llm-gateway.corp.example/v1/");

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + Key));

        Assert.Equal("generic", e.Failure.Provider);
        Assert.Equal(AuthFailureCause.Unknown, e.Failure.Cause);
    }
}
