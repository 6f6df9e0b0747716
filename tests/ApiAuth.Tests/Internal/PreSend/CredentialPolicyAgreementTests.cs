using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal.PreSend;

/// <summary>
/// Issue 13: the offline check (<see cref="ApiAuthDiagnostics.CheckKey"/>) and the handler answer the
/// same for every key × provider × endpoint enumerated here — repairs, placeholders, foreign keys, bearer-token expiry, plain
/// http — because both call the one credential policy. The handler is driven the way apps drive it: the key in the profile's
/// header, through a factory client, on both doors; the offline check gets the raw key and the endpoint. Only the outcome is
/// compared (sent or refused, cause, key hint), never the policy's internals.
/// </summary>
public sealed class CredentialPolicyAgreementTests
{
    public static TheoryData<string, bool> Providers()
    {
        var data = new TheoryData<string, bool>();
        foreach (string id in ApiAuthDiagnostics.ProviderIds)
        {
            data.Add(id, false);
            data.Add(id, true);
        }

        return data;
    }

    private static IEnumerable<(string Name, string Key)> Keys()
    {
        (string, string)[] formats =
        [
            ("openai-project", TestKeys.OpenAIProject()), ("openai-legacy", TestKeys.OpenAILegacy()), ("openai-svcacct", TestKeys.OpenAIServiceAccount()),
            ("anthropic", TestKeys.Anthropic()), ("google", TestKeys.Google()), ("groq", TestKeys.Groq()), ("openrouter", TestKeys.OpenRouter()),
            ("xai", TestKeys.XAI()), ("github", TestKeys.GitHub()), ("azure", TestKeys.Azure()), ("deepseek", TestKeys.DeepSeek()),
        ];
        foreach ((string name, string key) in formats)
        {
            yield return (name, key);
            yield return (name + "+newline", key + "\n");
            yield return (name + "+quotes", "\"" + key + "\"");
        }

        yield return ("placeholder-sk", "sk-your-key-here");
        yield return ("placeholder-words", "your-api-key");
        yield return ("unexpanded-variable", "${OPENAI_API_KEY}");
        yield return ("variable-name", "OPENAI_API_KEY");
        yield return ("whitespace-only", "   ");
        yield return ("jwt-expired", Jwt(DateTimeOffset.UtcNow.AddHours(-2)));
        yield return ("jwt-valid", Jwt(DateTimeOffset.UtcNow.AddHours(2)));
        yield return ("jwt-expired+newline", Jwt(DateTimeOffset.UtcNow.AddHours(-2)) + "\r\n");
    }

    private static string[] Endpoints(ProviderProfile profile) =>
    [
        "https://" + (profile.Hosts.FirstOrDefault(h => !h.StartsWith('*')) ?? "api.example.com") + "/v1/x",
        "http://api.example.com/v1/x",
        "http://192.168.1.20:8080/v1/x",
        "http://localhost:11434/v1/x",
    ];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CheckKey_AndHandler_AgreeOnEveryKeyAndEndpoint_Issue13(string provider, bool sync)
    {
        Assert.True(ProviderRegistry.Default.TryGet(provider, out ProviderProfile profile));
        using var client = new TestClient(new RecordingHandler(), o => o.Provider = provider);
        var disagreements = new List<string>();
        int compared = 0;
        int refused = 0;
        foreach ((string name, string key) in Keys())
        {
            if (!profile.RepairsHeaders && string.IsNullOrWhiteSpace(key))
            {
                // A profile that does not repair headers (generic: a service ApiAuth does not know) passes a header value on as
                // written; "Bearer" plus spaces is then a value, while the offline check holds an empty key. Not the same input.
                continue;
            }

            foreach (string endpoint in Endpoints(profile))
            {
                KeyCheck offline = ApiAuthDiagnostics.CheckKey(key, provider, new Uri(endpoint));
                AuthFailure? online = await HandlerAnswer(client, profile, key, endpoint, sync);
                compared++;
                refused += online is null ? 0 : 1;
                if (offline.Failure?.Cause != online?.Cause || (online is not null && offline.Failure!.KeyHint != online.KeyHint))
                {
                    disagreements.Add($"{name} → {endpoint}: offline {Describe(offline.Failure)}, handler {Describe(online)}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));

        // The enumeration reaches both outcomes for every provider: the comparison cannot pass by refusing, or sending, everything.
        Assert.InRange(refused, 1, compared - 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExpiredBearerTokenOverPlainHttp_IsExpiredCredential_OfflineAndInHandler_Issue13(bool sync)
    {
        // The drift the issue names: CheckKey checked plain http before expiry, the handler expiry first. One order now.
        string token = Jwt(DateTimeOffset.UtcNow.AddHours(-2));
        const string Endpoint = "http://api.example.com/v1/x";
        Assert.True(ProviderRegistry.Default.TryGet("openai", out ProviderProfile profile));
        using var client = new TestClient(new RecordingHandler(), o => o.Provider = "openai");

        KeyCheck offline = ApiAuthDiagnostics.CheckKey(token, "openai", new Uri(Endpoint));
        AuthFailure? online = await HandlerAnswer(client, profile, token, Endpoint, sync);

        Assert.Equal(AuthFailureCause.ExpiredCredential, offline.Failure?.Cause);
        Assert.Equal(AuthFailureCause.ExpiredCredential, online?.Cause);
    }

    private static async Task<AuthFailure?> HandlerAnswer(TestClient client, ProviderProfile profile, string key, string endpoint, bool sync)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.TryAddWithoutValidation(profile.KeyHeader, profile.KeyScheme is null ? key : profile.KeyScheme + " " + key);
        try
        {
            (await client.SendAsync(sync, request)).Dispose();
            return null;
        }
        catch (ApiAuthException e)
        {
            return e.Failure;
        }
    }

    private static string Describe(AuthFailure? failure) => failure is null ? "sent" : $"{failure.Cause} ({failure.KeyHint})";

    private static string Jwt(DateTimeOffset expiry)
    {
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + B64($"{{\"aud\":\"https://example.invalid\",\"exp\":{expiry.ToUnixTimeSeconds()}}}") + "." + TestKeys.Body(43);
    }
}
