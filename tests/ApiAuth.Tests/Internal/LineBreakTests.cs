using System.Text;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 11 §3: no CR, LF or NUL reaches the wire through any carrier or the organization/project headers, whatever the host.
/// A line break around a value is trimmed (a key read from a file); one inside is refused before sending; options holding
/// control characters fail at start, naming the option and never the value. The raw bytes are checked in the hardening suite.
/// </summary>
public sealed class LineBreakTests
{
    private static readonly string Key = TestKeys.OpenAIProject(113);
    private static readonly string GatewayKey = "gw" + TestKeys.Body(40, 127);

    public static TheoryData<string, string, string, string, bool> InsideValues()
    {
        var data = new TheoryData<string, string, string, string, bool>();
        foreach (bool sync in new[] { false, true })
        {
            foreach (string injection in new[] { "\r\nX-Injected: 1", "\nX-Injected: 1", "\rX-Injected: 1", "\0X-Injected: 1" })
            {
                data.Add("https://api.openai.com/v1/chat/completions", "OpenAI-Organization", "org-abc123" + injection, "MalformedKey", sync);
                data.Add("https://api.openai.com/v1/chat/completions", "OpenAI-Project", "proj_abc123" + injection, "MalformedKey", sync);
                data.Add("https://llm-gateway.corp.example/v1/chat", "x-api-key", GatewayKey + injection, "MalformedKey", sync);
                data.Add("https://llm-gateway.corp.example/v1/chat", "OpenAI-Organization", "org-abc123" + injection, "MalformedKey", sync);
                data.Add("https://api.openai.com/v1/chat/completions", "Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Key)) + injection, "MalformedAuthorizationHeader", sync);
                data.Add("https://llm-gateway.corp.example/v1/chat", "Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:" + GatewayKey)) + injection, "MalformedKey", sync);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InsideValues))]
    public async Task Send_LineBreakInsideCarrierValue_IsRefusedBeforeSending_Issue11(string uri, string header, string value, string cause, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://api.example.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("{}") };
        if (header != "Authorization")
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
        }

        request.Headers.TryAddWithoutValidation(header, value);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(cause, e.Failure.Cause.ToString());
        Assert.False(e.Failure.RequestWasSent);
        Assert.Empty(client.Stub.Requests);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayKey, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-api-key", false)]
    [InlineData("api-key", true)]
    [InlineData("Ocp-Apim-Subscription-Key", false)]
    [InlineData("apikey", true)]
    public async Task Send_SecondCredentialHeaderWithLineBreakInside_IsRefused_Issue11(string header, bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        ApiAuthException e = await client.RefusedAsync(sync, "Bearer " + Key, (header, GatewayKey[..10] + "\r\nX-Injected: 1"));

        Assert.Equal(AuthFailureCause.MalformedKey, e.Failure.Cause);
        Assert.Contains(header, e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Contains("line break", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-api-key", "\n", false)]
    [InlineData("x-api-key", "\r\n", true)]
    [InlineData("X-Auth-Token", "\n", true)]
    [InlineData("Authorization", "\r\n", false)]
    public async Task Send_TrailingLineBreakInGatewayCarrier_IsTrimmed_Issue11(string header, string lineBreak, bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), baseAddress: "https://llm-gateway.corp.example/v1/");
        string value = header == "Authorization" ? "Token " + GatewayKey : GatewayKey;
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(header, value + lineBreak);

        using HttpResponseMessage response = await client.SendAsync(sync, request);

        Assert.Equal(value, client.Stub.Single.Header(header));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_TrailingLineBreakInGatewayCarrierInStrictMode_IsRefused_Issue11(bool sync)
    {
        using var client = new TestClient(new RecordingHandler(), o => o.Strict = true, baseAddress: "https://llm-gateway.corp.example/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat");
        request.Headers.TryAddWithoutValidation("x-api-key", GatewayKey + "\n");

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(sync, request));

        Assert.Equal(AuthFailureCause.MalformedKey, e.Failure.Cause);
        Assert.Empty(client.Stub.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_TrailingLineBreakInBasicAtOpenAI_IsTrimmed_Issue11(bool sync)
    {
        using TestClient client = TestClient.OpenAI();
        string basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Key));

        using HttpResponseMessage response = await client.PostAsync(sync, basic + "\r\n");

        Assert.Equal(basic, client.Stub.Single.Header("Authorization"));
    }

    [Theory]
    [InlineData("Organization", "org-abc123\r\nX-Injected: 1")]
    [InlineData("Organization", "org-abc123\nX-Injected: 1")]
    [InlineData("Project", "proj_abc123\r\nX-Injected: 1")]
    [InlineData("Project", "proj_abc\0123")]
    [InlineData("Organization", "org-abc\t123")]
    public void ValidateOnStart_OptionWithControlCharacter_FailsNamingTheOptionNotTheValue_Issue11(string option, string value)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddApiAuthDiagnostics(o =>
        {
            if (option == "Organization")
            {
                o.Organization = value;
            }
            else
            {
                o.Project = value;
            }
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);

        Assert.Contains(option, e.Message, StringComparison.Ordinal);
        Assert.Contains("control character", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim()[..8], e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Organization", "org-abc123\n")]
    [InlineData("Project", " proj_abc123\r\n")]
    public void ValidateOnStart_OptionWithTrailingLineBreak_IsAccepted(string option, string value)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddApiAuthDiagnostics(o =>
        {
            if (option == "Organization")
            {
                o.Organization = value;
            }
            else
            {
                o.Project = value;
            }
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ApiKeyOptionWithLineBreakInside_IsNeverWritten_Issue11(bool sync)
    {
        // Start-up validation refuses it; a client created anyway (no host start) gets the options validation failure, never the header.
        var stub = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("c", c => c.BaseAddress = new Uri("https://api.openai.com/v1/")).ConfigurePrimaryHttpMessageHandler(() => stub)
            .AddApiAuthDiagnostics(o => o.ApiKey = Key[..20] + "\r\nX-Injected: 1");
        using ServiceProvider provider = services.BuildServiceProvider();

        Exception? e = await Record.ExceptionAsync(async () =>
        {
            using HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
            using var request = new HttpRequestMessage(HttpMethod.Get, "models");
            using HttpResponseMessage response = sync ? client.Send(request) : await client.SendAsync(request);
        });

        Assert.True(e is OptionsValidationException or ApiAuthException, e?.ToString());
        Assert.Empty(stub.Requests);
        Assert.DoesNotContain(Key[..20], e!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Organization", false)]
    [InlineData("Project", true)]
    public async Task Send_OptionWithLineBreakWhenValidationIsBypassed_IsNeverWritten_Issue11(string option, bool sync)
    {
        // Defence in depth: with every options validator removed, the handler still refuses rather than write the value.
        var stub = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("c", c => c.BaseAddress = new Uri("https://api.openai.com/v1/")).ConfigurePrimaryHttpMessageHandler(() => stub)
            .AddApiAuthDiagnostics(o =>
            {
                if (option == "Organization")
                {
                    o.Organization = "org-abc123\r\nX-Injected: 1";
                }
                else
                {
                    o.Project = "proj_abc123\nX-Injected: 1";
                }
            });
        services.RemoveAll<IValidateOptions<ApiAuthDiagnosticsOptions>>();
        using ServiceProvider provider = services.BuildServiceProvider();
        using HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
        using var request = new HttpRequestMessage(HttpMethod.Get, "models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(async () => (sync ? client.Send(request) : await client.SendAsync(request)).Dispose());

        Assert.Equal(AuthFailureCause.MalformedKey, e.Failure.Cause);
        Assert.Contains(option, e.Failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", e.ToString(), StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_OptionWithLineBreakBypassedToAProviderWithoutOrganization_IsSentWithoutIt_Issue11(bool sync)
    {
        // The organization is written only where the provider reads one: a request to Anthropic is not refused for it.
        var stub = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("c", c => c.BaseAddress = new Uri("https://api.anthropic.com/v1/")).ConfigurePrimaryHttpMessageHandler(() => stub)
            .AddApiAuthDiagnostics(o => o.Organization = "org-abc123\r\nX-Injected: 1");
        services.RemoveAll<IValidateOptions<ApiAuthDiagnosticsOptions>>();
        using ServiceProvider provider = services.BuildServiceProvider();
        using HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");
        using var request = new HttpRequestMessage(HttpMethod.Post, "messages") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("x-api-key", TestKeys.Anthropic(139));
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");

        using HttpResponseMessage response = sync ? client.Send(request) : await client.SendAsync(request);

        RecordedRequest sent = stub.Single;
        Assert.DoesNotContain(sent.Headers, h => h.Value.Any(v => v.Contains("X-Injected", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_CarrierAfterManyRequestsOfTheSameShape_IsStillChecked_Issue11(bool sync)
    {
        // ApiAuth learns the names of a client's usual headers to skip lookups; a request that differs in any name is fully checked.
        using TestClient client = TestClient.OpenAI();
        (string, string)[] usual = [("User-Agent", "OpenAI/2.1.0"), ("x-stainless-os", "Linux"), ("OpenAI-Organization", "org-abc123")];
        for (int i = 0; i < 5; i++)
        {
            (await client.PostAsync(sync, "Bearer " + Key, usual)).Dispose();
        }

        HeaderShape? shape = client.Services.GetRequiredKeyedService<ClientState>("test").Current.Caches.Shapes.Shape;
        Assert.NotNull(shape);
        Assert.Equal(3, shape.Names.Length);

        // Same number of headers, one replaced by a carrier; then the usual ones plus a carrier.
        ApiAuthException replaced = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key, ("User-Agent", "OpenAI/2.1.0"), ("x-api-key", "k\r\nX-Injected: 1"), ("OpenAI-Organization", "org-abc123")));
        ApiAuthException added = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key, [.. usual, ("X-Auth-Token", "t\nX-Injected: 1")]));
        ApiAuthException own = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key, ("User-Agent", "OpenAI/2.1.0"), ("x-stainless-os", "Linux"), ("OpenAI-Organization", "org-abc\r\nX-Injected: 1")));

        Assert.Equal(AuthFailureCause.MalformedKey, replaced.Failure.Cause);
        Assert.Equal(AuthFailureCause.MalformedKey, added.Failure.Cause);
        Assert.Equal(AuthFailureCause.MalformedKey, own.Failure.Cause);
        Assert.Equal(5, client.Stub.Requests.Count);
    }
}
