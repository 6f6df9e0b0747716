using System.Net;
using ApiAuth.Testing.Tests.TestSupport;

namespace ApiAuth.Testing.Tests;

/// <summary>
/// The emulator is the test oracle and is written independently of the library; these tests check that the two agree
/// on what the library's public catalog (<see cref="ApiAuthProviderInfo"/>) states about each emulated provider: its id,
/// its hosts, the places it reads a key from (and the places it does not), and that keys of its published formats work.
/// </summary>
public sealed class CatalogAgreementTests
{
    public static TheoryData<EmulatedProvider, bool> ProvidersAndDoors()
    {
        var data = new TheoryData<EmulatedProvider, bool>();
        foreach (EmulatedProvider provider in Enum.GetValues<EmulatedProvider>())
        {
            data.Add(provider, false);
            data.Add(provider, true);
        }

        return data;
    }

    public static TheoryData<EmulatedProvider> Providers() => [.. Enum.GetValues<EmulatedProvider>()];

    [Theory]
    [MemberData(nameof(Providers))]
    public void ProviderId_EveryEmulatedProvider_IsInTheCatalog(EmulatedProvider provider)
    {
        var emulator = new ProviderEmulator(provider);

        ApiAuthProviderInfo? info = ApiAuthProviderInfo.Find(emulator.ProviderId);

        Assert.NotNull(info);
        Assert.Equal(emulator.ProviderId, info.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void DefaultBaseAddress_Host_IsOneTheCatalogGivesTheProvider(EmulatedProvider provider)
    {
        var emulator = new ProviderEmulator(provider);
        ApiAuthProviderInfo info = ApiAuthProviderInfo.Find(emulator.ProviderId)!;
        string host = emulator.DefaultBaseAddress.Host;

        bool listed = info.Hosts.Any(h => h.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(h[1..], StringComparison.OrdinalIgnoreCase) && host.Length > h.Length - 1
            : host.Equals(h, StringComparison.OrdinalIgnoreCase));

        if (info.Hosts.Count == 0)
        {
            // A provider chosen by id only (openai-compatible): its emulator must not sit on a host another profile claims.
            Assert.False(listed);
            Assert.Equal("generic", ApiAuthDiagnostics.DetectProvider(emulator.DefaultBaseAddress));
        }
        else
        {
            Assert.True(listed, $"{host} is not among the catalog's hosts for {info.Id}: {string.Join(", ", info.Hosts)}");
            Assert.Equal(info.Id, ApiAuthDiagnostics.DetectProvider(emulator.DefaultBaseAddress));
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersAndDoors))]
    public async Task KeyPlacements_EveryOneTheCatalogLists_TheEmulatorReads(EmulatedProvider provider, bool sync)
    {
        string key = Key(provider);
        var emulator = new ProviderEmulator(provider).WithKey(key);
        ApiAuthProviderInfo info = ApiAuthProviderInfo.Find(emulator.ProviderId)!;
        using HttpClient client = emulator.CreateHttpClient();

        for (int i = 0; i < info.KeyPlacements.Count; i++)
        {
            (string header, string? scheme) = info.KeyPlacements[i];
            using HttpRequestMessage request = ListModels(emulator);
            request.Headers.TryAddWithoutValidation(header, scheme is null ? key : scheme + " " + key);
            HttpStatusCode status = await SendAsync(client, request, sync);

            EmulatedRequest seen = emulator.ReceivedRequests[^1];
            Assert.True(seen.Failure is not EmulatedFailure.MissingKey, $"{info.Id}: the emulator found no key in {header} ({scheme ?? "bare"}), which the catalog lists");
            if (i == 0)
            {
                // Where ApiAuth moves a misplaced key must be where the provider authenticates it.
                Assert.Equal(HttpStatusCode.OK, status);
            }
        }

        if (info.KeyQueryParameter is { } parameter)
        {
            using HttpRequestMessage request = ListModels(emulator, parameter + "=" + Uri.EscapeDataString(key));
            Assert.Equal(HttpStatusCode.OK, await SendAsync(client, request, sync));
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersAndDoors))]
    public async Task KeyPlacements_OtherProvidersHeadersTheCatalogDoesNotList_TheEmulatorIgnores(EmulatedProvider provider, bool sync)
    {
        string key = Key(provider);
        var emulator = new ProviderEmulator(provider).WithKey(key);
        ApiAuthProviderInfo info = ApiAuthProviderInfo.Find(emulator.ProviderId)!;
        using HttpClient client = emulator.CreateHttpClient();
        string[] own = [.. info.KeyPlacements.Select(p => p.Header)];
        string[] others =
        [
            .. ApiAuthProviderInfo.BuiltIn
                .SelectMany(p => p.KeyPlacements)
                .Select(p => p.Header)
                .Where(h => !own.Contains(h, StringComparer.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase),
        ];
        Assert.NotEmpty(others);

        foreach (string header in others)
        {
            using HttpRequestMessage request = ListModels(emulator);
            request.Headers.TryAddWithoutValidation(header, key);
            HttpStatusCode status = await SendAsync(client, request, sync);

            Assert.NotEqual(HttpStatusCode.OK, status);
            Assert.Equal(EmulatedFailure.MissingKey, emulator.ReceivedRequests[^1].Failure);
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersAndDoors))]
    public async Task KeyFormats_KeysOfEveryPublishedLength_AreAcceptedAndNeverEchoedWhole(EmulatedProvider provider, bool sync)
    {
        var emulator = new ProviderEmulator(provider);
        ApiAuthProviderInfo info = ApiAuthProviderInfo.Find(emulator.ProviderId)!;
        (string Header, string? Scheme) primary = info.KeyPlacements[0];
        var formats = info.KeyFormats.Where(f => f.Vendor == info.Id).ToList();
        if (info.IsBuiltIn && info.Hosts.Count > 0 && info.Id != "azure-openai")
        {
            // Every named provider the emulator speaks for, except Azure (keys without a prefix), publishes a format.
            Assert.NotEmpty(formats);
        }

        using HttpClient client = emulator.CreateHttpClient();
        int seed = 0;
        foreach (var format in formats)
        {
            foreach (int length in (int[])[format.MinLength, Math.Min(format.MaxLength, format.MinLength + 64)])
            {
                string valid = Build(format.Prefix, length, format.Alphabet, ++seed);
                string unknown = Build(format.Prefix, length, format.Alphabet, ++seed);
                emulator.WithKey(valid);

                using HttpRequestMessage accepted = ListModels(emulator);
                accepted.Headers.TryAddWithoutValidation(primary.Header, primary.Scheme is null ? valid : primary.Scheme + " " + valid);
                Assert.Equal(HttpStatusCode.OK, await SendAsync(client, accepted, sync));

                using HttpRequestMessage refused = ListModels(emulator);
                refused.Headers.TryAddWithoutValidation(primary.Header, primary.Scheme is null ? unknown : primary.Scheme + " " + unknown);
                using HttpResponseMessage response = sync ? client.Send(refused, Http.Ct) : await client.SendAsync(refused, Http.Ct);
                string body = await response.Content.ReadAsStringAsync(Http.Ct);
                Assert.True((int)response.StatusCode is 400 or 401 or 403, $"{format.Prefix} ({length}): {(int)response.StatusCode}");
                Assert.DoesNotContain(unknown, body, StringComparison.Ordinal);
            }
        }
    }

    private static HttpRequestMessage ListModels(ProviderEmulator emulator, string? query = null)
    {
        string path = emulator.BasePath.TrimEnd('/') + "/models";
        string search = emulator.Provider == EmulatedProvider.AzureOpenAI ? "api-version=2024-10-21" : string.Empty;
        if (query is not null)
        {
            search = search.Length == 0 ? query : search + "&" + query;
        }

        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.DefaultBaseAddress, path + (search.Length == 0 ? string.Empty : "?" + search)));
        if (emulator.Provider == EmulatedProvider.Anthropic)
        {
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        }

        return request;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpRequestMessage request, bool sync)
    {
        using HttpResponseMessage response = sync ? client.Send(request, Http.Ct) : await client.SendAsync(request, Http.Ct);
        return response.StatusCode;
    }

    private static string Key(EmulatedProvider provider) => provider switch
    {
        EmulatedProvider.Anthropic => TestKeys.Anthropic('k'),
        EmulatedProvider.Gemini => TestKeys.Gemini('k'),
        EmulatedProvider.AzureOpenAI => TestKeys.Azure('k'),
        _ => TestKeys.OpenAI('k', "Ab12"),
    };

    /// <summary>A key of the format's shape, from its own alphabet, built at run time.</summary>
    private static string Build(string prefix, int length, string alphabet, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length - prefix.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return prefix + new string(chars);
    }
}
