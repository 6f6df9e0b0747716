using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 10 §4: no false refusal for local servers. This machine (loopback, <c>localhost</c>, <c>*.localhost</c>,
/// <c>0.0.0.0</c>, <c>::</c>) takes plain http; the user's own network (private, link-local, single-label names) takes it with
/// a one-time warning, except for a key in a cloud provider's format; public hosts stay refused. Same rule in the handler
/// (both doors), start-up validation and the offline check.
/// </summary>
public sealed class LocalServerTests
{
    private const int OwnNetworkEventId = 9;

    /// <summary>A self-hosted server's key (LiteLLM's master keys look like this): no cloud provider's format.</summary>
    private static readonly string LocalKey = "sk-" + TestKeys.Body(12, 71);

    [Theory]
    [InlineData("http://127.0.0.1:8000/", "Local")]
    [InlineData("http://127.10.0.1:8000/", "Local")]
    [InlineData("http://[::1]:8000/", "Local")]
    [InlineData("http://localhost:11434/", "Local")]
    [InlineData("http://LOCALHOST./", "Local")]
    [InlineData("http://vllm.localhost:8000/", "Local")]
    [InlineData("http://0.0.0.0:8000/", "Local")]
    [InlineData("http://[::]:8000/", "Local")]
    [InlineData("http://[::ffff:127.0.0.1]:8000/", "Local")]
    [InlineData("http://10.1.2.3:8000/", "OwnNetwork")]
    [InlineData("http://172.16.0.1/", "OwnNetwork")]
    [InlineData("http://172.31.255.255/", "OwnNetwork")]
    [InlineData("http://192.168.1.20:8080/", "OwnNetwork")]
    [InlineData("http://100.100.1.2:11434/", "OwnNetwork")]
    [InlineData("http://100.128.0.1/", "Public")]
    [InlineData("http://100.63.255.255/", "Public")]
    [InlineData("http://169.254.169.254/", "OwnNetwork")]
    [InlineData("http://[fd12:3456::1]:8000/", "OwnNetwork")]
    [InlineData("http://[fc00::1]/", "OwnNetwork")]
    [InlineData("http://[fe80::1]/", "OwnNetwork")]
    [InlineData("http://[::ffff:192.168.0.1]/", "OwnNetwork")]
    [InlineData("http://vllm:8000/", "OwnNetwork")]
    [InlineData("http://ollama./", "OwnNetwork")]
    [InlineData("http://host.docker.internal:8000/", "OwnNetwork")]
    [InlineData("http://gpu-box.local:11434/", "OwnNetwork")]
    [InlineData("http://llm.home.arpa/", "OwnNetwork")]
    [InlineData("http://internal/", "OwnNetwork")]
    [InlineData("http://example.internal.com/", "Public")]
    [InlineData("http://local/", "OwnNetwork")]
    [InlineData("http://172.15.0.1/", "Public")]
    [InlineData("http://172.32.0.1/", "Public")]
    [InlineData("http://11.0.0.1/", "Public")]
    [InlineData("http://8.8.8.8/", "Public")]
    [InlineData("http://0.0.0.1/", "Public")]
    [InlineData("http://[2001:db8::1]/", "Public")]
    [InlineData("http://[fec0::1]/", "Public")]
    [InlineData("http://llm.example.com/", "Public")]
    [InlineData("http://localhost.example.com/", "Public")]
    [InlineData("http://10.0.0.1.nip.io/", "Public")]
    public void Classify_Host_IsLocalOwnNetworkOrPublic_Issue10(string uri, string expected)
    {
        Assert.Equal(expected, EndpointRules.Classify(new Uri(uri)).ToString());
    }

    [Theory]
    [InlineData("http://0.0.0.0:8000/v1/chat/completions", false)]
    [InlineData("http://0.0.0.0:8000/v1/chat/completions", true)]
    [InlineData("http://[::]:8000/v1/chat/completions", false)]
    [InlineData("http://vllm.localhost:8000/v1/chat/completions", true)]
    public async Task Send_KeyOverPlainHttpToThisMachine_IsSentWithoutWarning_Issue10(string uri, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestKeys.OpenAIProject(73));

        using HttpResponseMessage response = await client.SendAsync(sync, request);

        Assert.Single(client.Stub.Requests);
        Assert.DoesNotContain(client.Logs.GetSnapshot(), r => r.Id.Id == OwnNetworkEventId);
    }

    [Theory]
    [InlineData("http://vllm:8000/v1/chat/completions", false)]
    [InlineData("http://vllm:8000/v1/chat/completions", true)]
    [InlineData("http://192.168.1.20:8000/v1/chat/completions", false)]
    [InlineData("http://10.0.0.7/v1/chat/completions", true)]
    [InlineData("http://[fd00::7]:8000/v1/chat/completions", false)]
    public async Task Send_LocalKeyOverPlainHttpToOwnNetwork_IsSentWithOneWarning_Issue10(string uri, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        for (int i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + LocalKey);
            using HttpResponseMessage response = await client.SendAsync(sync, request);
        }

        Assert.Equal(3, client.Stub.Requests.Count);
        var warning = Assert.Single(client.Logs.GetSnapshot(), r => r.Id.Id == OwnNetworkEventId);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(new Uri(uri).IdnHost, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalKey, client.AllLogText(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, bool> CloudKeys()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add("http://vllm:8000/v1/chat/completions", "Authorization", "Bearer " + TestKeys.OpenAIProject(79), sync);
            data.Add("http://192.168.1.20:8000/v1/messages", "x-api-key", TestKeys.Anthropic(83), sync);
            data.Add("http://10.0.0.7/v1beta/models", "x-goog-api-key", TestKeys.Google(89), sync);
            data.Add("http://[fe80::1]/v1/chat/completions", "api-key", TestKeys.Groq(97), sync);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CloudKeys))]
    public async Task Send_CloudProviderKeyOverPlainHttpToOwnNetwork_IsRefused_Issue10(string uri, string header, string value, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.TryAddWithoutValidation(header, value);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Contains("cloud provider", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData("x-api-key", false)]
    [InlineData("api-key", true)]
    [InlineData("?key", false)]
    [InlineData("Basic", true)]
    public async Task Send_CloudKeyInASecondCarrierOverPlainHttpToOwnNetwork_IsRefused_Issue10(string carrier, bool sync)
    {
        // The first credential is a local server's key; the cloud provider's key sits in another carrier of the same request.
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        string cloudKey = TestKeys.Anthropic(109);
        using var request = new HttpRequestMessage(HttpMethod.Post, carrier == "?key" ? "http://vllm:8000/v1/chat?key=" + cloudKey : "http://vllm:8000/v1/chat");
        if (carrier == "Basic")
        {
            // The cloud key is a Basic password, next to a local key in a gateway header.
            request.Headers.TryAddWithoutValidation("x-api-key", LocalKey);
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("u:" + cloudKey)));
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + LocalKey);
        }

        if (carrier is not ("?key" or "Basic"))
        {
            request.Headers.TryAddWithoutValidation(carrier, cloudKey);
        }

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.DoesNotContain(cloudKey, e.ToString(), StringComparison.Ordinal);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData("http://8.8.8.8/v1/chat/completions", false)]
    [InlineData("http://172.32.0.1/v1/chat/completions", true)]
    [InlineData("http://llm.example.com/v1/chat/completions", false)]
    [InlineData("http://[2001:db8::1]/v1/chat/completions", true)]
    public async Task Send_LocalKeyOverPlainHttpToPublicHost_StaysRefused_Issue10(string uri, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + LocalKey);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8000/v1/", null, false)]
    [InlineData("http://vllm:8000/v1/", null, false)]
    [InlineData("http://192.168.0.10:8000/v1/", "local", false)]
    [InlineData("http://vllm:8000/v1/", "cloud", true)]
    [InlineData("http://llm.example.com/v1/", null, true)]
    [InlineData("http://8.8.4.4/v1/", "local", true)]
    public void ValidateOnStart_PlainHttpBaseAddress_FollowsTheLocalRule_Issue10(string baseAddress, string? key, bool fails)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c", c => c.BaseAddress = new Uri(baseAddress)).AddApiAuthDiagnostics(o =>
        {
            o.Provider = "openai-compatible";
            o.ApiKey = key switch { "local" => LocalKey, "cloud" => TestKeys.OpenAIProject(101), _ => null };
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        Exception? e = Record.Exception(provider.GetRequiredService<IStartupValidator>().Validate);

        Assert.Equal(fails, e is OptionsValidationException);
        if (e is not null)
        {
            Assert.Contains("plain http", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(TestKeys.OpenAIProject(101), e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:8000/v1/", "local", true)]
    [InlineData("http://0.0.0.0:8000/v1/", "cloud", true)]
    [InlineData("http://localhost:8000/v1/", "cloud", true)]
    [InlineData("http://vllm:8000/v1/", "local", true)]
    [InlineData("http://vllm:8000/v1/", "cloud", false)]
    [InlineData("http://10.0.0.2/v1/", "cloud", false)]
    [InlineData("http://llm.example.com/v1/", "local", false)]
    [InlineData("https://llm.example.com/v1/", "cloud", true)]
    public void CheckKey_PlainHttpEndpoint_FollowsTheHandlersRule_Issue10(string endpoint, string key, bool wouldSend)
    {
        string value = key == "cloud" ? TestKeys.OpenAIProject(103) : LocalKey;

        KeyCheck check = ApiAuthDiagnostics.CheckKey(value, "openai-compatible", new Uri(endpoint));

        Assert.Equal(wouldSend, check.WouldSend);
        if (!wouldSend)
        {
            Assert.Equal(AuthFailureCause.WrongEndpoint, check.Failure!.Cause);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_OwnNetworkWithAllowInsecureHttp_IsSentWithoutWarning_Issue10(bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowInsecureHttp = true, baseAddress: "https://api.example.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://vllm:8000/v1/chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestKeys.OpenAIProject(107));

        using HttpResponseMessage response = await client.SendAsync(sync, request);

        Assert.Single(client.Stub.Requests);
        Assert.DoesNotContain(client.Logs.GetSnapshot(), r => r.Id.Id == OwnNetworkEventId);
    }
}
