using System.Net;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>SDKs retry what a handler throws; a lasting refusal is answered again without sending the same credential again.</summary>
public sealed class RepeatedFailureTests
{
    private const string Revoked = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_SameRevokedKeyAgain_IsRefusedWithoutSending(bool sync)
    {
        string key = TestKeys.OpenAIProject(8);
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, Revoked, headers: ("x-request-id", "req_first"));

        ApiAuthException first = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + key));
        ApiAuthException second = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + key));

        Assert.True(first.Failure.RequestWasSent);
        Assert.False(second.Failure.RequestWasSent);
        Assert.Equal(AuthFailureCause.InvalidKey, second.Failure.Cause);
        Assert.Equal("req_first", second.Failure.RequestId);
        Assert.Contains("did not send this request", second.Failure.Remediation, StringComparison.Ordinal);
        Assert.Single(client.Stub.Requests);
        Assert.Contains(client.Logs.GetSnapshot(), r => r.Id.Id == 7);
    }

    [Fact]
    public async Task SendAsync_DifferentKeyOrOrganization_IsSent()
    {
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, Revoked);

        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + TestKeys.OpenAIProject(8)));
        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + TestKeys.OpenAIProject(9)));
        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + TestKeys.OpenAIProject(9), ("OpenAI-Organization", "org-other")));

        Assert.Equal(3, client.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_WindowZero_SendsEveryTime()
    {
        string key = TestKeys.OpenAIProject(8);
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, Revoked, o => o.RepeatedFailureWindow = TimeSpan.Zero);

        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + key));
        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + key));

        Assert.Equal(2, client.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_InsufficientPermissions_IsNotRemembered()
    {
        string key = TestKeys.OpenAIProject(8);
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Forbidden, "{\"error\":{\"message\":\"You have insufficient permissions for this operation. Missing scopes: model.request.\"}}");

        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + key));
        await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(false, "Bearer " + key));

        Assert.Equal(2, client.Stub.Requests.Count);
    }
}
