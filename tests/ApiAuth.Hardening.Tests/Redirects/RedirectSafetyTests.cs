using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Microsoft.Extensions.Options;

namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>
/// Issue 11, section 2: where ApiAuth cannot turn the primary handler's own redirects off, it says so at start-up (an options
/// validation failure with the fix), never by a crash at client creation and never by silently losing the protection; a custom
/// primary handler that does not follow redirects keeps working; a shared handler stays protected across client builds; the
/// pipeline without ApiAuth is the reference for a same-origin redirect.
/// </summary>
public sealed class RedirectSafetyTests : IClassFixture<RedirectServers>
{
    private const string Name = "redirect-safety";

    private readonly RedirectServers _servers;

    public RedirectSafetyTests(RedirectServers servers) => _servers = servers;

    public static TheoryData<bool, bool> OrderAndHandler() => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(OrderAndHandler))]
    public async Task AlreadyUsedPrimaryHandler_FailsAtStartWithTheFix_NotAtClientCreation_Issue11(bool primaryFirst, bool classic)
    {
        using ServiceProvider metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory meters = metrics.GetRequiredService<IMeterFactory>();

        // A meter factory set before first use, so that the factory's own logging filter leaves the handler alone: it sets one otherwise, and throws.
        HttpMessageHandler used = classic ? new HttpClientHandler { MeterFactory = meters } : new SocketsHttpHandler { MeterFactory = meters };
        using (var invoker = new HttpMessageInvoker(used, disposeHandler: false))
        {
            using HttpResponseMessage warmUp = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_servers.Origin, "l/warm-up")), TestContext.Current.CancellationToken);
        }

        using ServiceProvider services = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => used), primaryFirst);

        OptionsValidationException atStart = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains($"'{Name}'", atStart.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAutoRedirect = false", atStart.Message, StringComparison.Ordinal);
        Assert.Contains("already sent a request", atStart.Message, StringComparison.Ordinal);

        // Without a host nothing validates at start: the first client creation reports the same failure, not InvalidOperationException.
        Exception? atCreation = Record.Exception(() => services.GetRequiredService<IHttpClientFactory>().CreateClient(Name));
        Assert.IsType<OptionsValidationException>(atCreation);

        // The reference: the same pipeline without ApiAuth creates its client.
        using ServiceProvider without = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => used), primaryFirst, withApiAuth: false);
        Assert.Null(Record.Exception(() => without.GetRequiredService<IHttpClientFactory>().CreateClient(Name).Dispose()));
        used.Dispose();
    }

    /// <summary>The handler was fresh when the options were validated and used before the client was built: the build says so, the same way.</summary>
    [Fact(Timeout = 30_000)]
    public async Task PrimaryHandlerUsedAfterValidationBeforeFirstBuild_ClientCreationReportsTheValidationFailure_Issue11()
    {
        using ServiceProvider metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var used = new SocketsHttpHandler { MeterFactory = metrics.GetRequiredService<IMeterFactory>() };
        using ServiceProvider services = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => used), primaryFirst: false);
        services.GetRequiredService<IStartupValidator>().Validate();
        using (var invoker = new HttpMessageInvoker(used, disposeHandler: false))
        {
            using HttpResponseMessage warmUp = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_servers.Origin, "l/warm-up")), TestContext.Current.CancellationToken);
        }

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IHttpClientFactory>().CreateClient(Name));
        Assert.Contains("AllowAutoRedirect = false", e.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AlreadyUsedPrimaryHandlerWithRedirectsOff_Works_RedirectGoesBackToTheCaller_Issue11(bool sync)
    {
        using ServiceProvider metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var used = new SocketsHttpHandler { AllowAutoRedirect = false, MeterFactory = metrics.GetRequiredService<IMeterFactory>() };
        using (var invoker = new HttpMessageInvoker(used, disposeHandler: false))
        {
            using HttpResponseMessage warmUp = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_servers.Origin, "l/warm-up")), TestContext.Current.CancellationToken);
        }

        using ServiceProvider services = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => used), primaryFirst: false);
        services.GetRequiredService<IStartupValidator>().Validate();
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient(Name);
        string caseId = RedirectServers.NewCase();
        using var request = new HttpRequestMessage(HttpMethod.Get, _servers.Start(caseId, 307, crossOrigin: true));
        request.Headers.TryAddWithoutValidation("x-api-key", "sk-" + "ant-" + "api03-" + new string('Q', 40));

        using HttpResponseMessage response = await Send(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Empty(_servers.AtOther(caseId));
        used.Dispose();
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CustomStubPrimaryWithoutRedirectSwitch_PassesStartAndWorks_Issue11(bool sync)
    {
        var stub = new StubHandler();
        using ServiceProvider services = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => stub), primaryFirst: false);
        services.GetRequiredService<IStartupValidator>().Validate();
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient(Name);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/models");

        using HttpResponseMessage response = await Send(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public void CustomPrimaryWithReadOnlyRedirectSwitchOn_FailsAtStart_Issue11()
    {
        using ServiceProvider services = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => new ReadOnlySwitchHandler()), primaryFirst: false);

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ReadOnlySwitchHandler), e.Message, StringComparison.Ordinal);
    }

    /// <summary>A custom handler that follows redirects itself and forwards every header: without ApiAuth it leaks; with it, its switch is turned off.</summary>
    [Theory(Timeout = 30_000)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task CustomPrimaryThatFollowsRedirects_SwitchTurnedOff_NothingReachesTheOtherOrigin_Issue11(bool withApiAuth, bool sync)
    {
        var custom = new NaiveRedirectingHandler();
        using ServiceProvider services = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => custom), primaryFirst: false, withApiAuth);
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient(Name);
        string caseId = RedirectServers.NewCase();
        string key = "sk-" + "ant-" + "api03-" + new string('K', 40) + "Zz9";
        using var request = new HttpRequestMessage(HttpMethod.Get, _servers.Start(caseId, 302, crossOrigin: true));
        request.Headers.TryAddWithoutValidation("x-api-key", key);

        using HttpResponseMessage response = await Send(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ReceivedRequest landed = Assert.Single(_servers.AtOther(caseId));
        Assert.Equal(!withApiAuth, landed.Leaks(key).Any());
        Assert.Equal(!withApiAuth, custom.AllowAutoRedirect);
    }

    /// <summary>One handler instance given to two clients: the second build finds its redirects already off and knows ApiAuth did it.</summary>
    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SharedPrimaryHandler_EveryClientBuild_StaysProtected_Issue11(bool sync)
    {
        using var shared = new SocketsHttpHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("first").ConfigurePrimaryHttpMessageHandler(() => shared).AddApiAuthDiagnostics();
        services.AddHttpClient("second").AddApiAuthDiagnostics().ConfigurePrimaryHttpMessageHandler(() => shared);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        IHttpClientFactory factory = provider.GetRequiredService<IHttpClientFactory>();
        foreach (string client in new[] { "first", "second" })
        {
            string caseId = RedirectServers.NewCase();
            string key = "sk-" + "ant-" + "api03-" + new string('S', 40) + client;
            using var request = new HttpRequestMessage(HttpMethod.Get, _servers.Start(caseId, 308, crossOrigin: true));
            request.Headers.TryAddWithoutValidation("x-api-key", key);

            using HttpResponseMessage response = await Send(factory.CreateClient(client), request, sync, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(Assert.Single(_servers.AtOther(caseId)).Leaks(key));
        }
    }

    /// <summary>The reference for a same-origin redirect is the same pipeline without ApiAuth: the same carriers arrive.</summary>
    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SameOriginRedirect_EachCarrier_ArrivesExactlyAsWithoutApiAuth_Issue11(bool sync)
    {
        foreach (CredentialCarrier carrier in CredentialCarrier.All.Where(c => !c.FromOptions))
        {
            foreach (int code in new[] { 301, 302, 303, 307, 308 })
            {
                (string value, string[] secrets) = carrier.Make(new Random(code));
                bool[] arrived = new bool[2];
                for (int withApiAuth = 0; withApiAuth < 2; withApiAuth++)
                {
                    using ServiceProvider services = Build(_ => { }, primaryFirst: false, withApiAuth == 1);
                    string caseId = RedirectServers.NewCase();
                    using var request = new HttpRequestMessage(HttpMethod.Get, _servers.Start(caseId, code, crossOrigin: false));
                    request.Headers.TryAddWithoutValidation(carrier.Header!, value);
                    using HttpResponseMessage response = await Send(services.GetRequiredService<IHttpClientFactory>().CreateClient(Name), request, sync, TestContext.Current.CancellationToken);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    ReceivedRequest landed = Assert.Single(_servers.AtOrigin(caseId), r => r.Path.StartsWith("/l/", StringComparison.Ordinal));
                    arrived[withApiAuth] = landed.Leaks(secrets[0]).Any();
                }

                Assert.True(arrived[0] == arrived[1], $"{carrier} on a same-origin {code}: without ApiAuth {(arrived[0] ? "arrives" : "does not arrive")}, with ApiAuth {(arrived[1] ? "arrives" : "does not arrive")}");
            }
        }
    }

    /// <summary>A server that copies the query (with the caller's <c>?key=</c>) into a cross-origin Location: the key is removed, the rest kept.</summary>
    [Theory(Timeout = 30_000)]
    [InlineData("key", false)]
    [InlineData("api_key", true)]
    [InlineData("access_token", false)]
    public async Task CrossOriginRedirect_LocationReflectsTheQueryKey_KeyIsRemovedRestKept_Issue11(string parameter, bool sync)
    {
        using ServiceProvider services = Build(_ => { }, primaryFirst: false);
        string caseId = RedirectServers.NewCase();
        string key = "AI" + "za" + new string('G', 30) + "Qk9x1";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_servers.Origin, $"r/{caseId}/307/reflect?v=1&{parameter}={key}&status=200"));

        using HttpResponseMessage response = await Send(services.GetRequiredService<IHttpClientFactory>().CreateClient(Name), request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(key, Assert.Single(_servers.AtOrigin(caseId)).Query, StringComparison.Ordinal);
        ReceivedRequest landed = Assert.Single(_servers.AtOther(caseId));
        Assert.Empty(landed.Leaks(key));
        Assert.Contains("v=1", landed.Query, StringComparison.Ordinal);
        Assert.Contains("token=minted-by-server", landed.Query, StringComparison.Ordinal);
    }

    /// <summary>
    /// Resilience handlers above and below ApiAuth at once: each hop is a new message with its own resilience context, so the
    /// outer retry never picks up a hop (to the other origin) to replay through ApiAuth, which would add the configured key.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResilienceAboveAndBelow_OuterRetryReplaysTheCallersMessage_NoKeyAtTheOtherOrigin_Issue11(bool sync)
    {
        string key = "sk-" + "proj-" + new string('R', 50) + "Xy7";
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddHttpClient(Name);
        builder.AddResilienceHandler("outer", p => p.AddRetry(new HttpRetryStrategyOptions { Delay = TimeSpan.Zero, MaxRetryAttempts = 2 }));
        builder.AddApiAuthDiagnostics(o =>
        {
            o.Provider = "openai-compatible";
            o.ApiKey = key;
        });
        builder.AddResilienceHandler("inner", p => p.AddRetry(new HttpRetryStrategyOptions { Delay = TimeSpan.Zero, MaxRetryAttempts = 1 }));
        using ServiceProvider provider = services.BuildServiceProvider();
        string caseId = RedirectServers.NewCase();
        using var request = new HttpRequestMessage(HttpMethod.Get, _servers.Start(caseId, 307, crossOrigin: true, landingStatus: 503));

        using HttpResponseMessage response = await Send(provider.GetRequiredService<IHttpClientFactory>().CreateClient(Name), request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, _servers.AtOrigin(caseId).Count);
        Assert.All(_servers.AtOrigin(caseId), r => Assert.NotEmpty(r.Leaks(key)));
        Assert.Equal(6, _servers.AtOther(caseId).Count);
        Assert.All(_servers.AtOther(caseId), r => Assert.Empty(r.Leaks(key)));
    }

    /// <summary>
    /// A chain (same origin, then another origin) with the key in <c>DefaultRequestHeaders</c>, as SDKs set it: the same-origin
    /// hop carries it as .NET would, the cross-origin hop does not; the limit of the primary handler is kept.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RedirectChain_KeyInDefaultRequestHeaders_SameOriginHopCarriesItCrossOriginHopDoesNot_Issue11(bool sync)
    {
        using ServiceProvider services = Build(_ => { }, primaryFirst: false);
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient(Name);
        string key = "sk-" + "ant-" + "api03-" + new string('C', 40) + "Ch4n";
        client.DefaultRequestHeaders.Add("x-api-key", key);
        string caseId = RedirectServers.NewCase();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_servers.Origin, $"r/{caseId}/302/chain?status=200"));

        using HttpResponseMessage response = await Send(client, request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IReadOnlyList<ReceivedRequest> atOrigin = _servers.AtOrigin(caseId);
        Assert.Equal(2, atOrigin.Count);
        Assert.All(atOrigin, r => Assert.Equal(key, r.Header("x-api-key")));
        Assert.Empty(Assert.Single(_servers.AtOther(caseId)).Leaks(key));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RedirectChain_PrimaryHandlerLimitOfOne_SecondRedirectGoesBackToTheCaller_Issue11(bool sync)
    {
        using ServiceProvider services = Build(b => b.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxAutomaticRedirections = 1 }), primaryFirst: false);
        string caseId = RedirectServers.NewCase();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_servers.Origin, $"r/{caseId}/307/chain?status=200"));

        using HttpResponseMessage response = await Send(services.GetRequiredService<IHttpClientFactory>().CreateClient(Name), request, sync, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(2, _servers.AtOrigin(caseId).Count);
        Assert.Empty(_servers.AtOther(caseId));
    }

    private static ServiceProvider Build(Action<IHttpClientBuilder> configurePrimary, bool primaryFirst, bool withApiAuth = true)
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddHttpClient(Name);
        if (primaryFirst)
        {
            configurePrimary(builder);
        }

        if (withApiAuth)
        {
            builder.AddApiAuthDiagnostics();
        }

        if (!primaryFirst)
        {
            configurePrimary(builder);
        }

        return services.BuildServiceProvider();
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpRequestMessage request, bool sync, CancellationToken cancel) =>
        sync ? await Task.Run(() => client.Send(request, cancel), cancel) : await client.SendAsync(request, cancel);

    /// <summary>A stub primary handler: answers 200, has no redirect switch.</summary>
    private sealed class StubHandler : HttpMessageHandler
    {
        public int Calls;

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }

    /// <summary>A handler that says it follows redirects and offers no way to stop it.</summary>
    private sealed class ReadOnlySwitchHandler : HttpMessageHandler
    {
        public bool AllowAutoRedirect => true;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    /// <summary>A custom handler that follows redirects itself, forwarding every header (as a careless one would), unless switched off.</summary>
    private sealed class NaiveRedirectingHandler : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(new SocketsHttpHandler { AllowAutoRedirect = false });

        public bool AllowAutoRedirect { get; set; } = true;

        public int MaxAutomaticRedirections { get; set; } = 5;

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            SendAsync(request, cancellationToken).GetAwaiter().GetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await _inner.SendAsync(request, cancellationToken);
            for (int i = 0; AllowAutoRedirect && i < MaxAutomaticRedirections && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location; i++)
            {
                var next = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri!, location));
                foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
                {
                    next.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                response.Dispose();
                request = next;
                response = await _inner.SendAsync(next, cancellationToken);
            }

            return response;
        }

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
