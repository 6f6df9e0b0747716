using System.Net;
using System.Text.Json;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 15 made parts of the failure path reusable or lazy: the key's echo matcher is kept per client, a server text with
/// nothing to hide is remembered by it, the remediation and the exception message are built when first read. None of that
/// may change a value: a repeated failure reads exactly like the first, an echo is redacted every time (only clean texts are
/// remembered), a new key gets a new matcher, and the lazily built texts are the ones an eager build gives.
/// </summary>
public sealed class FailurePathReuseTests
{
    private static readonly string KeyA = TestKeys.OpenAIProject(seed: 101);
    private static readonly string KeyB = TestKeys.OpenAIProject(seed: 202);

    public static TheoryData<bool> Doors() => new() { false, true };

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Send_SameKeyRefusedRepeatedly_EveryFailureReadsLikeAFreshClientsFirst_Issue15(bool sync)
    {
        string masked = KeyA[..8] + new string('*', 20) + KeyA[^4..];
        using TestClient client = Client(_ => Invalid("Incorrect API key provided: " + masked + ". You can find your API key at https://platform.openai.com/account/api-keys."));

        var failures = new List<AuthFailure>();
        for (int i = 0; i < 3; i++)
        {
            failures.Add(await FailureAsync(client, sync, KeyA));
        }

        using TestClient fresh = Client(_ => Invalid("Incorrect API key provided: " + masked + ". You can find your API key at https://platform.openai.com/account/api-keys."));
        AuthFailure first = await FailureAsync(fresh, sync, KeyA);
        Assert.Contains(masked, first.ServerMessage, StringComparison.Ordinal);
        foreach (AuthFailure failure in failures)
        {
            Assert.Equal(Describe(first), Describe(failure));
        }
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Send_ServerEchoesTheWholeKeyEveryTime_RedactedEveryTime_Issue15(bool sync)
    {
        using TestClient client = Client(_ => Invalid("Incorrect API key provided: " + KeyA + "."));
        for (int i = 0; i < 3; i++)
        {
            AuthFailure failure = await FailureAsync(client, sync, KeyA);
            Assert.NotNull(failure.ServerMessage);
            Assert.DoesNotContain(KeyA, failure.ServerMessage, StringComparison.Ordinal);
            Assert.False(SecretRedactor.Leaks(failure.ServerMessage, KeyA), $"failure {i}: {failure.ServerMessage}");
        }
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Send_CleanTextThenAnotherKeyEchoedInTheSameText_NewKeyRedacted_Issue15(bool sync)
    {
        // The same words each time; the second answer quotes twelve characters from the middle of the second key (too short
        // to look like a key: only the echo matcher finds it). A matcher kept for the first key must not answer for the second.
        string fragment = KeyB[40..52];
        using TestClient client = Client(request => Invalid("Incorrect API key provided: " + (request.Headers.Authorization?.Parameter == KeyB ? "…" + fragment + "…" : "sk-proj-****" + KeyA[^4..]) + "."));
        AuthFailure first = await FailureAsync(client, sync, KeyA);
        Assert.EndsWith(KeyA[^4..] + ".", first.ServerMessage, StringComparison.Ordinal);

        AuthFailure second = await FailureAsync(client, sync, KeyB);
        Assert.DoesNotContain(fragment, second.ServerMessage, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Redacted, second.ServerMessage, StringComparison.Ordinal);
        Assert.False(SecretRedactor.Leaks(second.ServerMessage, KeyB), second.ServerMessage);
        Assert.Equal(KeyHint.For(KeyB), second.KeyHint);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Remediation_ReadAfterTheFailureWasLogged_IsTheLoggedText_Issue15(bool sync)
    {
        using TestClient client = Client(_ => Invalid("Incorrect API key provided: sk-proj-****" + KeyA[^4..] + "."));
        AuthFailure failure = await FailureAsync(client, sync, KeyA);

        string logged = Assert.Single(client.Logs.GetSnapshot(), r => r.Id.Id == 3).StructuredState!.Single(kv => kv.Key == "Remediation").Value!;
        Assert.Equal(logged, failure.Remediation);
        Assert.Same(failure.Remediation, failure.Remediation);
        Assert.Contains(failure.KeyHint!, failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Message_BuiltOnFirstRead_HoldsCauseRemediationAndDetails_Issue15(bool sync)
    {
        using TestClient client = Client(_ => Invalid("Incorrect API key provided: sk-proj-****" + KeyA[^4..] + "."), throwOnFailure: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + KeyA);
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        string message = e.Message;
        Assert.Same(message, e.Message);
        Assert.StartsWith("The server rejected the credential: " + e.Failure.Description + " [InvalidKey]. " + e.Failure.Remediation + " (provider: openai", message, StringComparison.Ordinal);
        Assert.Contains("key: " + e.Failure.KeyHint, message, StringComparison.Ordinal);
        Assert.Contains(message, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_ContentWhoseHeadersWereNeverRead_NullAndStillNotCreated_Issue15()
    {
        using var content = new ByteArrayContent([1, 2, 3]);

        Assert.Null(ContentHeaderProbe.Existing(content));
        Assert.Null(ContentHeaderProbe.Existing(content));
        Assert.False(CredentialLocator.MayCarry(content, out _));

        // Had the probe created the collection, the length computed on first read would already be stored in it.
        Assert.Same(content.Headers, ContentHeaderProbe.Existing(content));
        Assert.Equal(3, content.Headers.ContentLength);
    }

    [Fact]
    public void Existing_ContentWithAKeyHeader_FoundAndLookedAt_Issue15()
    {
        using var content = new StringContent("{}");
        content.Headers.TryAddWithoutValidation("x-api-key", KeyA);

        Assert.Same(content.Headers, ContentHeaderProbe.Existing(content));
        Assert.True(CredentialLocator.MayCarry(content, out _));
    }

    private static TestClient Client(Func<HttpRequestMessage, HttpResponseMessage> respond, bool throwOnFailure = false) =>
        new(new RecordingHandler(respond), o => o.ThrowOnFailure = throwOnFailure);

    private static HttpResponseMessage Invalid(string message)
    {
        string body = "{\"error\":{\"message\":" + JsonSerializer.Serialize(message) + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        response.Headers.TryAddWithoutValidation("x-request-id", "req_" + "0123456789abcdef");
        return response;
    }

    private static async Task<AuthFailure> FailureAsync(TestClient client, bool sync, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using HttpResponseMessage response = await client.SendAsync(sync, request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.TryGetAuthFailure(out AuthFailure? failure));
        return failure;
    }

    private static string Describe(AuthFailure f) =>
        string.Join("|", f.Cause, f.Provider, f.StatusCode, f.ErrorCode, f.ServerMessage, f.KeyHint, f.RequestId, f.Host, f.Remediation, f.ToString());
}
