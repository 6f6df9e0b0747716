using ApiAuth.Internal;

namespace ApiAuth.Tests.Internal.Redirects;

/// <summary>Issue 11: how a primary handler's redirect switch is found, turned off, or reported as impossible to turn off.</summary>
public sealed class PrimaryHandlerRedirectsTests
{
    [Fact]
    public void Decide_FreshSocketsHandler_TurnsItsRedirectsOffAndKeepsItsLimit_Issue11()
    {
        using var handler = new SocketsHttpHandler { MaxAutomaticRedirections = 7 };

        RedirectDecision decision = PrimaryHandlerRedirects.Decide(handler, apply: true);

        Assert.Equal(RedirectDecision.Follow(7), decision);
        Assert.False(handler.AllowAutoRedirect);
    }

    [Fact]
    public void Decide_CheckOnly_LeavesTheHandlerAsItWas_Issue11()
    {
        using var handler = new HttpClientHandler();

        RedirectDecision decision = PrimaryHandlerRedirects.Decide(handler, apply: false);

        Assert.True(decision.ApiAuthFollows);
        Assert.True(handler.AllowAutoRedirect);
    }

    [Fact]
    public void Decide_SameHandlerAgainAfterApiAuthTurnedItOff_StillFollowedByApiAuth_Issue11()
    {
        using var handler = new SocketsHttpHandler { MaxAutomaticRedirections = 3 };
        _ = PrimaryHandlerRedirects.Decide(handler, apply: true);

        Assert.Equal(RedirectDecision.Follow(3), PrimaryHandlerRedirects.Decide(handler, apply: true));
        Assert.Equal(RedirectDecision.Follow(3), PrimaryHandlerRedirects.Decide(handler, apply: false));
    }

    [Fact]
    public void Decide_CallerTurnedRedirectsOff_RedirectsGoBackToTheCaller_Issue11()
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false };

        Assert.Equal(RedirectDecision.ReturnedToCaller, PrimaryHandlerRedirects.Decide(handler, apply: true));
    }

    [Fact]
    public void Decide_DisposedHandler_IsUnsafe_Issue11()
    {
        var handler = new SocketsHttpHandler();
        handler.Dispose();

        RedirectDecision decision = PrimaryHandlerRedirects.Decide(handler, apply: false);

        Assert.False(decision.ApiAuthFollows);
        Assert.Contains("disposed", decision.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HandlerBehindDelegatingWrappers_IsFoundAndTurnedOff_Issue11()
    {
        using var inner = new HttpClientHandler { MaxAutomaticRedirections = 4 };
        using var wrapper = new PassThrough { InnerHandler = new PassThrough { InnerHandler = inner } };

        Assert.Equal(RedirectDecision.Follow(4), PrimaryHandlerRedirects.Decide(wrapper, apply: true));
        Assert.False(inner.AllowAutoRedirect);
    }

    [Fact]
    public void Decide_StubWithoutSwitch_IsTakenAsReturningRedirects_Issue11()
    {
        using var stub = new Stub();

        Assert.Equal(RedirectDecision.ReturnedToCaller, PrimaryHandlerRedirects.Decide(stub, apply: true));
    }

    [Fact]
    public void Decide_CustomHandlerWithSettableSwitch_IsTurnedOffWithItsLimit_Issue11()
    {
        using var custom = new CustomSwitch();

        Assert.Equal(RedirectDecision.Follow(9), PrimaryHandlerRedirects.Decide(custom, apply: true));
        Assert.False(custom.AutomaticRedirection);
    }

    [Fact]
    public void Decide_CustomHandlerWithReadOnlySwitchOn_IsUnsafe_Issue11()
    {
        using var custom = new ReadOnlySwitch();

        RedirectDecision decision = PrimaryHandlerRedirects.Decide(custom, apply: true);

        Assert.False(decision.ApiAuthFollows);
        Assert.Contains("read-only", decision.Problem, StringComparison.Ordinal);
    }

    private sealed class PassThrough : DelegatingHandler;

    private sealed class Stub : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage());
    }

    private sealed class CustomSwitch : HttpMessageHandler
    {
        public bool AutomaticRedirection { get; set; } = true;

        public int MaxAutomaticRedirections { get; set; } = 9;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage());
    }

    private sealed class ReadOnlySwitch : HttpMessageHandler
    {
        public bool AllowAutoRedirect => true;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage());
    }
}
