using System.Net;
using System.Text;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 11 §1: one credential locator for every rule. A key in any carrier — a gateway header, Azure's or Google's header,
/// <c>Basic</c>, a key-carrying query parameter — counts for <c>AllowedHosts</c> and plain http, and is what the key hint
/// and redaction use, on both doors.
/// </summary>
public sealed class CredentialLocatorTests
{
    private static readonly string Key = TestKeys.OpenAIProject(61);

    /// <summary>A key of no known format (a gateway's own key): format rules cannot be what refuses it.</summary>
    private static readonly string GatewayKey = "gw" + TestKeys.Body(40, 67);

    public static TheoryData<string, bool> Carriers()
    {
        var data = new TheoryData<string, bool>();
        foreach (string carrier in new[]
        {
            "x-api-key", "api-key", "x-goog-api-key", "Ocp-Apim-Subscription-Key", "apikey", "X-Auth-Token", "Authorization: Basic",
            "Authorization: Token", "?api_key", "?key", "?api-key", "?apikey", "?access_token",
        })
        {
            data.Add(carrier, false);
            data.Add(carrier, true);
        }

        return data;
    }

    /// <summary>Builds a request to <paramref name="baseUri"/> carrying <paramref name="key"/> in <paramref name="carrier"/>.</summary>
    internal static HttpRequestMessage Carrying(string carrier, string key, string baseUri)
    {
        if (carrier.StartsWith('?'))
        {
            return new HttpRequestMessage(HttpMethod.Post, $"{baseUri}?{carrier[1..]}={Uri.EscapeDataString(key)}") { Content = new StringContent("{}") };
        }

        var request = new HttpRequestMessage(HttpMethod.Post, baseUri) { Content = new StringContent("{}") };
        switch (carrier)
        {
            case "Authorization: Basic":
                request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + key)));
                break;
            case "Authorization: Token":
                request.Headers.TryAddWithoutValidation("Authorization", "Token " + key);
                break;
            default:
                request.Headers.TryAddWithoutValidation(carrier, key);
                break;
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(Carriers))]
    public async Task Send_KeyInAnyCarrierToHostOutsideAllowedHosts_IsRefusedBeforeSending_Issue11(string carrier, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowedHosts.Add("api.example.com"), baseAddress: "https://api.example.com/v1/");
        using HttpRequestMessage request = Carrying(carrier, GatewayKey, "https://elsewhere.example.net/v1/chat");

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.False(e.Failure.RequestWasSent);
        Assert.Contains("AllowedHosts", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Equal(KeyHint.For(GatewayKey), e.Failure.KeyHint);
        Assert.DoesNotContain(GatewayKey, e.ToString(), StringComparison.Ordinal);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Carriers))]
    public async Task Send_KeyInAnyCarrierToAllowedHost_IsSentUntouched_Issue11(string carrier, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowedHosts.Add("api.example.com"), baseAddress: "https://api.example.com/v1/");
        using HttpRequestMessage request = Carrying(carrier, GatewayKey, "https://api.example.com/v1/chat");

        using HttpResponseMessage response = await client.SendAsync(sync, request);

        RecordedRequest sent = client.Stub.Single;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!carrier.StartsWith('?'))
        {
            string header = carrier.StartsWith("Authorization", StringComparison.Ordinal) ? "Authorization" : carrier;
            Assert.Equal(request.Headers.NonValidated[header].ToString(), sent.Header(header));
        }
    }

    [Theory]
    [MemberData(nameof(Carriers))]
    public async Task Send_KeyInAnyCarrierOverPlainHttpToPublicHost_IsRefusedBeforeSending_Issue11(string carrier, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        using HttpRequestMessage request = Carrying(carrier, GatewayKey, "http://llm.example.com/v1/chat");

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Contains("http", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Equal(KeyHint.For(GatewayKey), e.Failure.KeyHint);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_KeyInQueryOfRelativeUriOutsideAllowedHosts_IsRefused_Issue11(bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowedHosts.Add("api.example.com"), baseAddress: "https://elsewhere.example.net/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "models?api_key=" + GatewayKey);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_NoCredentialOverPlainHttpToPublicHost_IsSent(bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://llm.example.com/v1/models?limit=5");

        using HttpResponseMessage response = await client.SendAsync(sync, request);

        Assert.Single(client.Stub.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_NonCredentialQueryParameterToHostOutsideAllowedHosts_IsSent(bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowedHosts.Add("api.example.com"), baseAddress: "https://api.example.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://cdn.example.net/file?keyword=x&monkey=1&api_key=");

        using HttpResponseMessage response = await client.SendAsync(sync, request);

        Assert.Single(client.Stub.Requests);
    }

    public static TheoryData<string, bool> HeaderCarriers()
    {
        var data = new TheoryData<string, bool>();
        foreach (string carrier in new[] { "x-api-key", "api-key", "Ocp-Apim-Subscription-Key", "apikey", "X-Auth-Token", "Authorization: Basic", "?api_key" })
        {
            data.Add(carrier, false);
            data.Add(carrier, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HeaderCarriers))]
    public async Task Send_KeyInGatewayCarrierRejected_IsHintedAndRedactedNotMissing_Issue11(string carrier, bool sync)
    {
        string body = "{\"error\":{\"message\":\"Invalid API key: " + GatewayKey + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        using var client = new TestClient(RecordingHandler.Answering(HttpStatusCode.Unauthorized, body), baseAddress: "https://llm-gateway.corp.example/v1/");
        using HttpRequestMessage request = Carrying(carrier, GatewayKey, "https://llm-gateway.corp.example/v1/chat");

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.True(e.Failure.RequestWasSent);
        Assert.NotEqual(AuthFailureCause.MissingKey, e.Failure.Cause);
        Assert.Equal(KeyHint.For(GatewayKey), e.Failure.KeyHint);
        Assert.DoesNotContain("No API key reached", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayKey, e.Failure.ServerMessage ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayKey, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayKey, client.AllLogText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_BasicAtOpenAIOutsideAllowedHosts_IsRefusedWithPasswordHint_Issue11(bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowedHosts.Add("api.openai.com"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com.evil.example/v1/chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Key)));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Equal(KeyHint.For(Key), e.Failure.KeyHint);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData("Basic dXNlcjpzZWNyZXQ=", "secret")]
    [InlineData("Basic c2VjcmV0Og==", "secret")]
    [InlineData("Basic bm90LWJhc2U2NA", null)]
    [InlineData("Basic !!!", null)]
    public void DecodeBasic_UserPassword_ReturnsThePasswordOrTheUser(string header, string? expected)
    {
        Assert.Equal(expected, CredentialLocator.DecodeBasic(header.AsSpan(6)));
    }

    [Theory]
    [InlineData("Authorization", "Bearer abc", 7)]
    [InlineData("Authorization", "Token  abc", 7)]
    [InlineData("Authorization", "abc", 0)]
    [InlineData("x-api-key", "Bearer abc", 7)]
    [InlineData("x-api-key", "Token abc", 0)]
    [InlineData("x-api-key", "abc", 0)]
    public void KeyOffset_SchemeWord_IsSkippedWhereTheHeaderHasOne(string header, string value, int expected)
    {
        Assert.Equal(expected, CredentialLocator.KeyOffset(header, value));
    }

    [Fact]
    public void KeyHeaders_CoverEveryProfileAndGatewayCarrier_Issue11()
    {
        string[] headers = CredentialLocator.Default.KeyHeaders;

        foreach (string expected in new[] { "Authorization", "x-api-key", "api-key", "x-goog-api-key", "Ocp-Apim-Subscription-Key", "apikey", "X-Auth-Token", "anthropic-api-key", "openai-api-key" })
        {
            Assert.Contains(expected, headers, StringComparer.OrdinalIgnoreCase);
        }

        Assert.Equal(headers.Length, headers.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain("OpenAI-Organization", headers, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("OpenAI-Organization", CredentialLocator.Default.IdHeaders, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("x-api-key")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    [InlineData("Authorization: Basic")]
    [InlineData("?api_key")]
    public async Task SendAsync_KeyInGatewayCarrierRejectedAfterARealAwait_IsHintedAndRedacted_Issue11(string carrier)
    {
        // The answer completes asynchronously, so the failure path reads what was sent back from the request (not from before the send).
        string body = "{\"error\":{\"message\":\"Invalid API key: " + GatewayKey + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        var services = new ServiceCollection();
        services.AddHttpClient("c").ConfigurePrimaryHttpMessageHandler(() => new YieldingUnauthorized(body)).AddApiAuthDiagnostics();
        using ServiceProvider provider = services.BuildServiceProvider();
        using HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
        using HttpRequestMessage request = Carrying(carrier, GatewayKey, "https://llm-gateway.corp.example/v1/chat");

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.NotEqual(AuthFailureCause.MissingKey, e.Failure.Cause);
        Assert.Equal(KeyHint.For(GatewayKey), e.Failure.KeyHint);
        Assert.DoesNotContain(GatewayKey, e.ToString(), StringComparison.Ordinal);
    }

    private sealed class YieldingUnauthorized(string body) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_GatewayKeyAfterManyRequestsOfTheSameShape_IsStillLocatedAndChecked_Issue11(bool sync)
    {
        // After the client's header shape is learned, the gateway carrier is still read: hinted on a rejection, refused with a line break.
        int calls = 0;
        string body = "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        var stub = new RecordingHandler(_ => ++calls <= 5
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") }
            : new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        using var client = new TestClient(stub, baseAddress: "https://llm-gateway.corp.example/v1/");
        for (int i = 0; i < 5; i++)
        {
            (await client.PostAsync(sync, null, ("x-api-key", GatewayKey), ("User-Agent", "app/1.0"))).Dispose();
        }

        ApiAuthException rejected = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, null, ("x-api-key", GatewayKey), ("User-Agent", "app/1.0")));
        ApiAuthException broken = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, null, ("x-api-key", GatewayKey + "\r\nX-Injected: 1"), ("User-Agent", "app/1.0")));

        Assert.Equal(KeyHint.For(GatewayKey), rejected.Failure.KeyHint);
        Assert.NotEqual(AuthFailureCause.MissingKey, rejected.Failure.Cause);
        Assert.Equal(AuthFailureCause.MalformedKey, broken.Failure.Cause);
        Assert.False(broken.Failure.RequestWasSent);
        Assert.Equal(6, stub.Requests.Count);
    }
}
