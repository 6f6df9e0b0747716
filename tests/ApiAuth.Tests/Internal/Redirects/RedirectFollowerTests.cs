using System.Net;
using ApiAuth.Internal;
using ApiAuth.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiAuth.Tests.Internal.Redirects;

/// <summary>Issue 11: each hop is a new message built as the platform's handler would send it; the caller's message is untouched.</summary>
public sealed class RedirectFollowerTests
{
    private static readonly HttpRequestOptionsKey<string> Mine = new("Caller.Option");
    private static readonly HttpRequestOptionsKey<object> ResilienceContext = new("Resilience.Http.ResilienceContext");

    public static TheoryData<bool> Doors() => new() { false, true };

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Follow_CrossOrigin307_NewMessageWithoutCarriers_CallerMessageUnchanged_Issue11(bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, "https://other.example/landing");
        using var content = new ByteArrayContent([1, 2, 3]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/v1/x#frag") { Content = content, Version = HttpVersion.Version20 };
        request.Headers.TryAddWithoutValidation("x-api-key", "k1");
        request.Headers.TryAddWithoutValidation("apikey", "k2");
        request.Headers.TryAddWithoutValidation("Cookie", "s=k3");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic k4");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer k5");
        request.Headers.TryAddWithoutValidation("X-Trace", "t1");
        request.Options.Set(Mine, "m");
        request.Options.Set(ResilienceContext, new object());

        using HttpResponseMessage response = await Follow(follower, request, Redirect(HttpStatusCode.TemporaryRedirect, "https://other.example/landing"), sync);

        HttpRequestMessage hop = Assert.Single(hops);
        Assert.NotSame(request, hop);
        Assert.Equal(new Uri("https://other.example/landing#frag"), hop.RequestUri);
        Assert.Equal(HttpMethod.Post, hop.Method);
        Assert.Same(content, hop.Content);
        Assert.Equal(HttpVersion.Version20, hop.Version);
        Assert.Equal(["X-Trace"], hop.Headers.NonValidated.Select(h => h.Key));
        Assert.True(hop.Options.TryGetValue(Mine, out string? mine) && mine == "m");
        Assert.False(hop.Options.TryGetValue(ResilienceContext, out _));

        Assert.Equal(new Uri("https://api.example.com/v1/x#frag"), request.RequestUri);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(6, request.Headers.NonValidated.Count);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Follow_SameOrigin303FromPost_GetWithoutBodyKeepsKeyHeadersDropsAuthorization_Issue11(bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, "/next");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/v1/x") { Content = new ByteArrayContent([1]) };
        request.Headers.TryAddWithoutValidation("x-api-key", "k1");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer k5");
        request.Headers.TransferEncodingChunked = true;

        using HttpResponseMessage response = await Follow(follower, request, Redirect(HttpStatusCode.SeeOther, "/next"), sync);

        HttpRequestMessage hop = Assert.Single(hops);
        Assert.Equal(HttpMethod.Get, hop.Method);
        Assert.Null(hop.Content);
        Assert.Equal(["x-api-key"], hop.Headers.NonValidated.Select(h => h.Key));
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.NotNull(request.Content);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Follow_HttpsToHttp_IsNotFollowed_Issue11(bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, "http://api.example.com/x");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/x");

        using HttpResponseMessage response = await Follow(follower, request, Redirect(HttpStatusCode.Found, "http://api.example.com/x"), sync);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Empty(hops);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, true)]
    [InlineData(302, true)]
    [InlineData(303, true)]
    [InlineData(307, true)]
    [InlineData(308, true)]
    [InlineData(304, false)]
    [InlineData(305, false)]
    [InlineData(200, false)]
    [InlineData(401, false)]
    public void IsRedirect_Status_TheSameSetAsTheDotNetHandler(int status, bool redirect)
    {
        Assert.Equal(redirect, RedirectFollower.IsRedirect((HttpStatusCode)status));
    }

    /// <summary>Status, method, and the method and body of the next hop (the platform's rules).</summary>
    public static TheoryData<int, string, string, bool, bool> MethodRules()
    {
        var data = new TheoryData<int, string, string, bool, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add(301, "POST", "GET", false, sync);
            data.Add(302, "POST", "GET", false, sync);
            data.Add(300, "POST", "GET", false, sync);
            data.Add(302, "PUT", "PUT", true, sync);
            data.Add(303, "PUT", "GET", false, sync);
            data.Add(303, "HEAD", "HEAD", false, sync);
            data.Add(307, "POST", "POST", true, sync);
            data.Add(308, "PATCH", "PATCH", true, sync);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodRules))]
    public async Task Follow_StatusAndMethod_NextHopMethodAndBodyAsThePlatform(int status, string method, string hopMethod, bool keepsBody, bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, "/next");
        using var content = new ByteArrayContent([1]);
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.example.com/v1/x") { Content = method == "HEAD" ? null : content };

        using HttpResponseMessage response = await Follow(follower, request, Redirect((HttpStatusCode)status, "/next"), sync);

        HttpRequestMessage hop = Assert.Single(hops);
        Assert.Equal(new Uri("https://api.example.com/next"), hop.RequestUri);
        Assert.Equal(hopMethod, hop.Method.Method);
        Assert.Equal(keepsBody, hop.Content is not null);
        Assert.Equal(method, request.Method.Method);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Follow_RedirectLoop_StopsAtTheLimitAndHandsBackTheLastRedirect(bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, hop => Redirect(HttpStatusCode.Found, "/again"), maxRedirects: 3);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/x");

        using HttpResponseMessage response = await Follow(follower, request, Redirect(HttpStatusCode.Found, "/again"), sync);

        Assert.Equal(3, hops.Count);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Theory]
    [InlineData("ftp://api.example.com/x", false)]
    [InlineData("ftp://api.example.com/x", true)]
    [InlineData(null, false)]
    [InlineData(null, true)]
    public async Task Follow_NoHttpTarget_IsNotFollowed(string? location, bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, "/unused");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/x");
        var redirect = new HttpResponseMessage(HttpStatusCode.MovedPermanently);
        if (location is not null)
        {
            redirect.Headers.Location = new Uri(location);
        }

        using HttpResponseMessage response = await Follow(follower, request, redirect, sync);

        Assert.Same(redirect, response);
        Assert.Empty(hops);
    }

    /// <summary>Where a redirect leads, and whether the sent x-api-key value is still on the last hop.</summary>
    public static TheoryData<string, bool, bool> Landings()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add("/same-origin", false, sync);
            data.Add("https://api.example.com:443/same-origin-explicit-port", false, sync);
            data.Add("https://other.example/elsewhere", true, sync);
            data.Add("https://api.example.com:8443/another-port", true, sync);
            data.Add("https://sub.api.example.com/subdomain", true, sync);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Landings))]
    public async Task Follow_Landing_CredentialDroppedExactlyWhenTheOriginChanges_Issue11(string location, bool dropped, bool sync)
    {
        const string Sent = "k1-value";
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, location);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/x");
        request.Headers.TryAddWithoutValidation("x-api-key", Sent);

        (HttpResponseMessage response, bool credentialDropped) = sync
            ? follower.Follow(request, Redirect(HttpStatusCode.TemporaryRedirect, location), Sent, TestContext.Current.CancellationToken)
            : await follower.FollowAsync(request, Redirect(HttpStatusCode.TemporaryRedirect, location), Sent, TestContext.Current.CancellationToken);
        response.Dispose();

        HttpRequestMessage hop = Assert.Single(hops);
        Assert.Equal(dropped, credentialDropped);
        Assert.Equal(!dropped, hop.Headers.Contains("x-api-key"));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Follow_CrossOriginLocationReflectingTheQueryKey_KeyParameterRemovedOthersKept_Issue11(bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, "unused");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/x?key=k1-value&alt=json");

        using HttpResponseMessage response = await Follow(follower, request, Redirect(HttpStatusCode.Found, "https://other.example/y?alt=json&key=k1-value;key=minted&page=2"), sync);

        HttpRequestMessage hop = Assert.Single(hops);
        Assert.Equal("?alt=json;key=minted&page=2", hop.RequestUri!.Query);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Follow_SameOriginLocationWithTheQueryKey_IsKept(bool sync)
    {
        var hops = new List<HttpRequestMessage>();
        RedirectFollower follower = Follower(hops, "unused");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/x?key=k1-value");

        using HttpResponseMessage response = await Follow(follower, request, Redirect(HttpStatusCode.Found, "/v2/x?key=k1-value"), sync);

        Assert.Equal("?key=k1-value", Assert.Single(hops).RequestUri!.Query);
    }

    private static HttpResponseMessage Redirect(HttpStatusCode status, string location) =>
        new(status) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static RedirectFollower Follower(List<HttpRequestMessage> hops, string landing) =>
        Follower(hops, hop => new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = hop });

    // The one place that knows how a follower is built (its constructor takes the client's redirect setup).
    private static RedirectFollower Follower(List<HttpRequestMessage> hops, Func<HttpRequestMessage, HttpResponseMessage> answer, int maxRedirects = 5)
    {
        var state = new RedirectSetup { MaxRedirects = maxRedirects };
        HttpResponseMessage Send(HttpRequestMessage hop, CancellationToken _)
        {
            hops.Add(hop);
            return answer(hop);
        }

        return new RedirectFollower("client", state, NullLogger.Instance, ProviderRegistry.Default, Send, (hop, ct) => Task.FromResult(Send(hop, ct)));
    }

    private static async Task<HttpResponseMessage> Follow(RedirectFollower follower, HttpRequestMessage request, HttpResponseMessage redirect, bool sync)
    {
        (HttpResponseMessage response, _) = sync
            ? follower.Follow(request, redirect, null, TestContext.Current.CancellationToken)
            : await follower.FollowAsync(request, redirect, null, TestContext.Current.CancellationToken);
        return response;
    }
}
