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

    private static HttpResponseMessage Redirect(HttpStatusCode status, string location) =>
        new(status) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static RedirectFollower Follower(List<HttpRequestMessage> hops, string landing)
    {
        var state = new RedirectSetup { MaxRedirects = 5 };
        HttpResponseMessage Send(HttpRequestMessage hop, CancellationToken _)
        {
            hops.Add(hop);
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = hop };
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
