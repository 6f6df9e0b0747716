using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Tests.Internal;

/// <summary>Everything ApiAuth refuses before a byte leaves, on both doors: typed cause, nothing sent.</summary>
public sealed class PreSendRefusalTests
{
    private static readonly string Key = TestKeys.OpenAIProject();

    public static TheoryData<string, bool> Placeholders()
    {
        var data = new TheoryData<string, bool>();
        string[] values =
        [
            "sk-your-key-here", "sk-" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk-xxxx\u2026", "YOUR_API_KEY", "<your key>", "<YOUR_OPENAI_API_KEY>",
            "$OPENAI_API_KEY", "${OPENAI_API_KEY}", "%OPENAI_API_KEY%", "{{OPENAI_API_KEY}}", "null", "undefined", "your-openai-api-key",
            "sk-proj-****************************abcd", "sk-proj-\u2022\u2022\u2022\u2022\u2022\u2022abcd", "sk-...abcd", "OPENAI_API_KEY", "process.env.OPENAI_API_KEY",
            "${env:OPENAI_API_KEY}", "changeme",
        ];
        foreach (string value in values)
        {
            data.Add(value, false);
            data.Add(value, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Placeholders))]
    public async Task Send_PlaceholderKey_IsRefusedAsPlaceholderKey(string placeholder, bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + placeholder);

        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure.Cause);
        Assert.Equal("openai", e.Failure.Provider);
        Assert.Contains("OPENAI_API_KEY", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_UnexpandedVariable_NamesTheVariable(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer ${MY_OPENAI_KEY}");

        Assert.Contains("MY_OPENAI_KEY", e.Failure.Remediation, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> MalformedKeys()
    {
        var data = new TheoryData<string, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key[..10] + "\u2013" + Key[11..], sync) { Label = "en dash from a word processor" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key[..10] + "\u2014" + Key[11..], sync) { Label = "em dash" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key + Key, sync) { Label = "two keys pasted together" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key + " " + TestKeys.OpenAIProject(99), sync) { Label = "two keys with a space" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key[..30] + "\r\n" + Key[30..], sync) { Label = "CR/LF inside the value" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key + "\nX-Injected: 1", sync) { Label = "LF inside then header injection" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key[..15] + "\u00E9" + Key[16..], sync) { Label = "non-ASCII letter" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key[..15] + "," + Key[16..], sync) { Label = "comma inside" });
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task Send_MalformedKey_IsRefusedAsMalformedKey(string raw, bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, raw);

        Assert.Equal(AuthFailureCause.MalformedKey, e.Failure.Cause);
    }

    public static TheoryData<string, string, bool> ForeignKeys()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add("Anthropic", TestKeys.Anthropic(), sync);
            data.Add("Google", TestKeys.Google(), sync);
            data.Add("Groq", TestKeys.Groq(), sync);
            data.Add("OpenRouter", TestKeys.OpenRouter(), sync);
            data.Add("xAI", TestKeys.XAI(), sync);
            data.Add("GitHub", TestKeys.GitHub(), sync);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ForeignKeys))]
    public async Task Send_AnotherServicesKey_IsRefusedAsWrongProviderKey(string vendor, string key, bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + key);

        Assert.Equal(AuthFailureCause.WrongProviderKey, e.Failure.Cause);
        Assert.Contains(vendor, e.Failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_NoKeyToOpenAI_IsRefusedAsMissingKeyNamingTheVariable(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync);

        Assert.Equal(AuthFailureCause.MissingKey, e.Failure.Cause);
        Assert.Contains("OPENAI_API_KEY", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Contains(client.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Id.Id == 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_EmptyBearer_IsRefusedAsMissingKey(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer ");

        Assert.Equal(AuthFailureCause.MissingKey, e.Failure.Cause);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ProjectIdInOrganizationHeader_IsRefusedAsWrongOrganization(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + Key, ("OpenAI-Organization", "proj_abc123"));

        Assert.Equal(AuthFailureCause.WrongOrganization, e.Failure.Cause);
        Assert.Contains("proj_abc123", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_OrganizationIdInProjectHeader_IsRefusedAsWrongProject(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + Key, ("OpenAI-Project", "org-abc123"));

        Assert.Equal(AuthFailureCause.WrongProject, e.Failure.Cause);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_KeyInOrganizationHeader_IsRefusedWithoutLeakingIt(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + Key, ("OpenAI-Organization", TestKeys.OpenAIProject(5)));

        Assert.Equal(AuthFailureCause.WrongOrganization, e.Failure.Cause);
        Assert.DoesNotContain(TestKeys.OpenAIProject(5), e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_KeyOverPlainHttpToRemoteHost_IsRefusedAsWrongEndpoint(bool sync)
    {
        // A plain-http base address fails options validation at start; an absolute http request URI is caught per request.
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://llm.example.com/v1/");
        var request = new HttpRequestMessage(HttpMethod.Post, "http://llm.example.com/v1/chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Contains("https", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/v1/")]
    [InlineData("http://localhost:11434/v1/")]
    [InlineData("http://[::1]:8000/v1/")]
    public async Task Send_KeyOverPlainHttpToLoopback_IsSent(string baseAddress)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: baseAddress);

        using HttpResponseMessage response = await client.PostAsync(sync: false, "Bearer " + Key);

        Assert.Single(client.Stub.Requests);
    }

    [Fact]
    public async Task Send_PlainHttpWithAllowInsecureHttp_IsSent()
    {
        using var client = new TestClient(new RecordingHandler(), o => o.AllowInsecureHttp = true, baseAddress: "http://gateway.internal/v1/");

        using HttpResponseMessage response = await client.PostAsync(sync: false, "Bearer " + Key);

        Assert.Single(client.Stub.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_TwoAuthorizationHeaders_IsRefusedAsMalformedAuthorizationHeader(bool sync)
    {
        using TestClient client = TestClient.OpenAI();
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + Key, "Bearer " + Key]);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.MalformedAuthorizationHeader, e.Failure.Cause);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData("Token ")]
    [InlineData("Api-Key ")]
    public async Task Send_UnknownSchemeAtOpenAI_IsRefusedAsMalformedAuthorizationHeader(string scheme)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync: false, scheme + Key);

        Assert.Equal(AuthFailureCause.MalformedAuthorizationHeader, e.Failure.Cause);
        Assert.Contains(scheme.Trim(), e.Failure.Remediation, StringComparison.Ordinal);
    }

    public static TheoryData<string, AuthFailureCause, bool> StrictRepairs()
    {
        var data = new TheoryData<string, AuthFailureCause, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add(new TheoryDataRow<string, AuthFailureCause, bool>("Bearer " + Key + "\n", AuthFailureCause.MalformedKey, sync) { Label = "trailing newline" });
            data.Add(new TheoryDataRow<string, AuthFailureCause, bool>("Bearer \"" + Key + "\"", AuthFailureCause.MalformedKey, sync) { Label = "quotes" });
            data.Add(new TheoryDataRow<string, AuthFailureCause, bool>("Bearer \uFEFF" + Key, AuthFailureCause.MalformedKey, sync) { Label = "BOM" });
            data.Add(new TheoryDataRow<string, AuthFailureCause, bool>(Key, AuthFailureCause.MalformedAuthorizationHeader, sync) { Label = "missing Bearer" });
            data.Add(new TheoryDataRow<string, AuthFailureCause, bool>("Bearer Bearer " + Key, AuthFailureCause.MalformedAuthorizationHeader, sync) { Label = "doubled Bearer" });
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StrictRepairs))]
    public async Task Send_StrictMode_RefusesWhatItWouldRepair(string raw, AuthFailureCause expected, bool sync)
    {
        using TestClient client = TestClient.OpenAI(configure: o => o.Strict = true);

        ApiAuthException e = await client.RefusedAsync(sync, raw);

        Assert.Equal(expected, e.Failure.Cause);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_StrictModeKeyInWrongHeader_IsRefusedAsWrongHeaderName(bool sync)
    {
        using TestClient client = TestClient.OpenAI(configure: o => o.Strict = true);

        ApiAuthException e = await client.RefusedAsync(sync, null, ("x-api-key", Key));

        Assert.Equal(AuthFailureCause.WrongHeaderName, e.Failure.Cause);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_StrictModeOrganizationWhitespace_IsRefusedAsWrongOrganization(bool sync)
    {
        using TestClient client = TestClient.OpenAI(configure: o => o.Strict = true);

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + Key, ("OpenAI-Organization", "org-abc "));

        Assert.Equal(AuthFailureCause.WrongOrganization, e.Failure.Cause);
    }

    [Fact]
    public async Task Send_UnknownHostWithoutKey_IsSent()
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://my-vllm.internal.example/v1/");

        using HttpResponseMessage response = await client.PostAsync(sync: false);

        Assert.Single(client.Stub.Requests);
    }

    [Theory]
    [InlineData("EMPTY")]
    [InlineData("ollama")]
    [InlineData("not-needed")]
    public async Task Send_DummyKeyToSelfHostedServer_IsSent(string dummy)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "http://127.0.0.1:8000/v1/");

        using HttpResponseMessage response = await client.PostAsync(sync: false, "Bearer " + dummy);

        Assert.Equal("Bearer " + dummy, client.Stub.Single.Header("Authorization"));
    }

    [Theory]
    [InlineData("undefined")]
    [InlineData("${OPENAI_API_KEY}")]
    public async Task Send_UnexpandedPlaceholderToUnknownHost_IsStillRefused(string placeholder)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://relay.example.net/v1/");

        ApiAuthException e = await client.RefusedAsync(sync: false, "Bearer " + placeholder);

        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure.Cause);
    }

    [Fact]
    public async Task Send_GitHubTokenToUnknownHost_IsRefused()
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://relay.example.net/v1/");

        ApiAuthException e = await client.RefusedAsync(sync: false, "Bearer " + TestKeys.GitHub());

        Assert.Equal(AuthFailureCause.WrongProviderKey, e.Failure.Cause);
    }

    [Fact]
    public async Task Send_AnthropicKeyToUnknownRelay_IsSent()
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://relay.example.net/v1/");

        using HttpResponseMessage response = await client.PostAsync(sync: false, "Bearer " + TestKeys.Anthropic());

        Assert.Single(client.Stub.Requests);
    }

    [Fact]
    public async Task Send_ExpiredJwt_IsRefusedAsExpiredCredential()
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://relay.example.net/v1/");
        string payload = Convert.ToBase64String("{\"sub\":\"x\",\"exp\":1500000000}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string jwt = "eyJhbGciOiJSUzI1NiJ9." + payload + "." + TestKeys.Body(40);

        ApiAuthException e = await client.RefusedAsync(sync: false, "Bearer " + jwt);

        Assert.Equal(AuthFailureCause.ExpiredCredential, e.Failure.Cause);
        Assert.DoesNotContain(payload, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateClient_ConfiguredPlaceholderKey_FailsOptionsValidationNamingTheCause()
    {
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => TestClient.OpenAI(configure: o => o.ApiKey = "YOUR_API_KEY"));

        Assert.Contains("PlaceholderKey", e.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateClient_ConfiguredForeignKey_FailsOptionsValidationWithoutLeakingIt()
    {
        string key = TestKeys.Anthropic();

        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => TestClient.OpenAI(configure: o =>
        {
            o.Provider = "openai";
            o.ApiKey = key;
        }));

        Assert.Contains("WrongProviderKey", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
    }
}
