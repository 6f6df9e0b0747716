using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Tests.Internal;

/// <summary>A key supplied through options follows configuration reloads; a 401 for a replaced key is retried once with the new one.</summary>
public sealed class KeyRotationTests
{
    private static readonly string OldKey = TestKeys.OpenAIProject(100);
    private static readonly string NewKey = TestKeys.OpenAIProject(200);

    private const string InvalidKeyBody = "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

    /// <summary>A server that accepts only the keys it is told are valid; it can hold requests until released.</summary>
    private sealed class KeyServer
    {
        public volatile string ValidKey = string.Empty;

        public volatile string? AlsoValid;

        public ConcurrentQueue<string?> Seen { get; } = new();

        public Func<Task>? Hold { get; set; }

        public HttpResponseMessage Answer(HttpRequestMessage request)
        {
            string? auth = request.Headers.NonValidated.TryGetValues("Authorization", out var values) ? values.ToString() : null;
            Seen.Enqueue(auth);
            Hold?.Invoke().GetAwaiter().GetResult();
            return auth == "Bearer " + ValidKey || (AlsoValid is { } also && auth == "Bearer " + also)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") }
                : new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(InvalidKeyBody, Encoding.UTF8, "application/json") };
        }
    }

    private static (ServiceProvider Services, HttpClient Client, ReloadableSource Source) Build(KeyServer server, string key)
    {
        var source = new ReloadableSource(new Dictionary<string, string?> { ["ApiAuth:ApiKey"] = key });
        IConfiguration configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddHttpClient("rotating", c => c.BaseAddress = new Uri("https://api.openai.com/v1/"))
            .ConfigurePrimaryHttpMessageHandler(() => new RecordingHandler(server.Answer))
            .AddApiAuthDiagnostics();
        ServiceProvider provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient("rotating"), source);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ConfigurationReload_NextRequestUsesNewKeyWithoutRestart(bool sync)
    {
        var server = new KeyServer { ValidKey = OldKey };
        (ServiceProvider services, HttpClient client, ReloadableSource source) = Build(server, OldKey);
        using (services)
        {
            (await Send(client, sync)).Dispose();
            server.ValidKey = NewKey;
            source.Set("ApiAuth:ApiKey", NewKey);
            using HttpResponseMessage response = await Send(client, sync);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["Bearer " + OldKey, "Bearer " + NewKey], server.Seen);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_401ForKeyReplacedInFlight_RetriesOnceWithNewKey(bool sync)
    {
        var server = new KeyServer { ValidKey = OldKey };
        (ServiceProvider services, HttpClient client, ReloadableSource source) = Build(server, OldKey);
        using (services)
        {
            (await Send(client, sync)).Dispose();

            // The key is rotated at the provider and in configuration while a request with the old key is in flight.
            server.Hold = () =>
            {
                server.Hold = null;
                server.ValidKey = NewKey;
                source.Set("ApiAuth:ApiKey", NewKey);
                return Task.CompletedTask;
            };
            using HttpResponseMessage response = await Send(client, sync, withBody: true);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["Bearer " + OldKey, "Bearer " + OldKey, "Bearer " + NewKey], server.Seen);
        }
    }

    [Fact]
    public async Task SendAsync_401WithNoRotation_IsNotRetried()
    {
        var server = new KeyServer { ValidKey = NewKey };
        (ServiceProvider services, HttpClient client, _) = Build(server, OldKey);
        using (services)
        {
            ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => Send(client, sync: false));

            Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
            Assert.Single(server.Seen);
        }
    }

    [Fact]
    public async Task SendAsync_RotatedKeyAlsoInvalid_RetriesOnlyOnce()
    {
        var server = new KeyServer { ValidKey = "nothing-matches" };
        (ServiceProvider services, HttpClient client, ReloadableSource source) = Build(server, OldKey);
        using (services)
        {
            server.Hold = () =>
            {
                server.Hold = null;
                source.Set("ApiAuth:ApiKey", NewKey);
                return Task.CompletedTask;
            };

            ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => Send(client, sync: false));

            Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
            Assert.Equal(2, server.Seen.Count);
        }
    }

    [Fact]
    public async Task SendAsync_StreamedContent_IsNotReplayed()
    {
        var server = new KeyServer { ValidKey = OldKey };
        (ServiceProvider services, HttpClient client, ReloadableSource source) = Build(server, OldKey);
        using (services)
        {
            server.Hold = () =>
            {
                server.Hold = null;
                server.ValidKey = NewKey;
                source.Set("ApiAuth:ApiKey", NewKey);
                return Task.CompletedTask;
            };
            var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StreamContent(new MemoryStream([1, 2, 3])) };

            await Assert.ThrowsAsync<ApiAuthException>(() => client.SendAsync(request));

            Assert.Single(server.Seen);
        }
    }

    [Fact]
    public async Task SendAsync_RotationUnderConcurrency_EveryRequestSucceedsOrIsRetriedOnce()
    {
        var server = new KeyServer { ValidKey = OldKey };
        (ServiceProvider services, HttpClient client, ReloadableSource source) = Build(server, OldKey);
        using (services)
        {
            const int Requests = 2000;
            int rotated = 0;
            var failures = new ConcurrentBag<Exception>();
            await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                if (i == Requests / 2 && Interlocked.Exchange(ref rotated, 1) == 0)
                {
                    // A real rotation: the new key works, configuration switches to it, then the old key is revoked
                    // while requests sent with it may still be in flight.
                    server.AlsoValid = NewKey;
                    source.Set("ApiAuth:ApiKey", NewKey);
                    server.ValidKey = NewKey;
                    server.AlsoValid = null;
                }

                try
                {
                    using HttpResponseMessage response = await Send(client, sync: i % 2 == 0, withBody: true);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            });

            Assert.Empty(failures);
            int oldKeySeen = server.Seen.Count(s => s == "Bearer " + OldKey);
            int newKeySeen = server.Seen.Count(s => s == "Bearer " + NewKey);
            Assert.Equal(server.Seen.Count, oldKeySeen + newKeySeen);
            Assert.InRange(server.Seen.Count, Requests, Requests * 2);
            Assert.True(newKeySeen > 0 && oldKeySeen > 0, $"old key sent {oldKeySeen} times, new key {newKeySeen} times");
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, bool sync, bool withBody = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
        if (withBody)
        {
            request.Content = new StringContent("{\"model\":\"gpt-4o\"}", Encoding.UTF8, "application/json");
        }

        return sync ? Task.Run(() => client.Send(request)) : client.SendAsync(request);
    }

    /// <summary>An in-memory configuration source whose values can be changed, firing a reload.</summary>
    private sealed class ReloadableSource(Dictionary<string, string?> initial) : IConfigurationSource
    {
        private ReloadableProvider? _provider;

        public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider ??= new ReloadableProvider(initial);

        public void Set(string key, string value) => _provider!.SetAndReload(key, value);

        private sealed class ReloadableProvider(Dictionary<string, string?> initial) : ConfigurationProvider
        {
            public override void Load() => Data = new Dictionary<string, string?>(initial, StringComparer.OrdinalIgnoreCase);

            public void SetAndReload(string key, string value)
            {
                Data[key] = value;
                OnReload();
            }
        }
    }
}
