using System.Net;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 10: ApiAuth answers no request from memory. Every request is sent, and the diagnosis of one response never
/// decides the fate of the next request (today's retries are the SDKs' business, and they do not retry ApiAuthException).
/// </summary>
public sealed class NoFailureMemoryTests
{
    private const string Revoked = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_SameRevokedKeyTwice_BothAreSentAndDiagnosedByTheServer_Issue10(bool sync)
    {
        string key = TestKeys.OpenAIProject(8);
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, Revoked, headers: ("x-request-id", "req_first"));

        ApiAuthException first = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + key));
        ApiAuthException second = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + key));

        Assert.True(first.Failure.RequestWasSent);
        Assert.True(second.Failure.RequestWasSent);
        Assert.Equal(2, client.Stub.Requests.Count);
        Assert.DoesNotContain(client.Logs.GetSnapshot(), r => r.Id.Id == 7);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_After400ThatMentionsExpiry_NextRequestIsSentAndSucceeds_Issue10(bool sync)
    {
        // A 400 about an expired image URL says nothing about the key; the next request must reach the server.
        string key = TestKeys.OpenAIProject(8);
        const string ExpiredImage = "{\"error\":{\"message\":\"The image URL has expired. Please upload it again.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_image_url\"}}";
        int calls = 0;
        var stub = new RecordingHandler(_ => Interlocked.Increment(ref calls) == 1
            ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(ExpiredImage) }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        using var client = new TestClient(stub);

        using HttpResponseMessage first = await client.PostAsync(sync, "Bearer " + key);
        using HttpResponseMessage second = await client.PostAsync(sync, "Bearer " + key);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
    }
}
