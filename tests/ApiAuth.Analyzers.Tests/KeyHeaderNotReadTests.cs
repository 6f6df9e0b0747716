namespace ApiAuth.Analyzers.Tests;

public sealed class KeyHeaderNotReadTests
{
    [Theory]
    [InlineData("x-api-key")]
    [InlineData("api-key")]
    [InlineData("X-Goog-Api-Key")]
    public Task Analyze_KeyHeaderOpenAINeverReads_Reports(string header) =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
            using System;
            using System.Net.Http;

            class C
            {
                void M()
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
                    client.DefaultRequestHeaders.Add({|APIAUTH005:"{{header}}"|}, Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                }
            }
            """);

    [Fact]
    public Task Analyze_StringUrlOfRequest_Reports() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System.Net.Http;

            class C
            {
                HttpRequestMessage M(string key)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "https://api.groq.com/openai/v1/models");
                    request.Headers.TryAddWithoutValidation({|APIAUTH005:"x-api-key"|}, key);
                    return request;
                }
            }
            """);

    /// <summary>Hosts that read several placements are never flagged for any of them.</summary>
    [Theory]
    [InlineData("https://api.anthropic.com/v1/", "x-api-key")]
    [InlineData("https://contoso.openai.azure.com/", "api-key")]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/", "x-goog-api-key")]
    [InlineData("https://api.openai.com/v1/", "OpenAI-Organization")]
    [InlineData("https://api.anthropic.com/v1/", "anthropic-version")]
    public Task Analyze_HeaderTheHostReads_DoesNotReport(string url, string header) =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
            using System;
            using System.Net.Http;

            class C
            {
                void M(string key)
                {
                    var client = new HttpClient { BaseAddress = new Uri("{{url}}") };
                    client.DefaultRequestHeaders.Add("{{header}}", key);
                }
            }
            """);

    [Fact]
    public Task Analyze_UnknownOrNoHost_DoesNotReport() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void Relay(string key)
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://gateway.example.net/v1/") };
                    client.DefaultRequestHeaders.Add("x-api-key", key);
                }

                void NoHost(HttpClient client, string key) => client.DefaultRequestHeaders.Add("api-key", key);

                void OneOfTwoHostsReadsIt(string key)
                {
                    var openai = new Uri("https://api.openai.com/v1/");
                    var client = new HttpClient { BaseAddress = new Uri("https://api.anthropic.com/v1/") };
                    client.DefaultRequestHeaders.Add("x-api-key", key);
                }
            }
            """);

    public static TheoryData<string> BuiltInProviders() => new(ApiAuthProviderInfo.BuiltIn.Where(static p => p.Hosts.Count > 0).Select(static p => p.Id));

    /// <summary>
    /// The analyzer knows what the library's catalog says: for each provider, a key header it reads is never flagged
    /// and one it does not read is. Fails if the analyzer's linked data and the profiles disagree.
    /// </summary>
    [Theory]
    [MemberData(nameof(BuiltInProviders))]
    public async Task Analyze_EveryBuiltInProvider_AgreesWithTheCatalog(string id)
    {
        ApiAuthProviderInfo provider = ApiAuthProviderInfo.Find(id)!;
        string host = provider.Hosts[0].Replace("*", "resource", StringComparison.Ordinal);
        string[] keyHeaders = ["api-key", "x-api-key", "x-goog-api-key"];
        foreach (string header in keyHeaders)
        {
            bool reads = provider.KeyPlacements.Any(p => string.Equals(p.Header, header, StringComparison.OrdinalIgnoreCase));
            string name = reads ? $"\"{header}\"" : $"{{|APIAUTH005:\"{header}\"|}}";
            await Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
                using System;
                using System.Net.Http;

                class C
                {
                    void M(string key)
                    {
                        var client = new HttpClient { BaseAddress = new Uri("https://{{host}}/v1/") };
                        client.DefaultRequestHeaders.Add({{name}}, key);
                    }
                }
                """);
        }
    }

    /// <summary>Issue 16 red team: the api-key header goes to a configured Azure URL, not to the constant OpenAI one.</summary>
    [Fact]
    public Task Analyze_HeaderBranchWithNonConstantUri_DoesNotReport_Issue16() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpRequestMessage r, bool useAzure, string azureEndpoint, string k)
                {
                    r.RequestUri = useAzure ? new Uri(azureEndpoint + "/openai/deployments/gpt/chat/completions") : new Uri("https://api.openai.com/v1/chat/completions");
                    if (useAzure) r.Headers.Add("api-key", k); else r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", k);
                }
            }
            """);

    /// <summary>Issue 16 red team: named arguments out of order still name the header.</summary>
    [Fact]
    public Task Analyze_NamedArgumentsOutOfOrder_Reports_Issue16() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpRequestMessage r, string k)
                {
                    r.RequestUri = new Uri("https://api.openai.com/v1/chat/completions");
                    r.Headers.Add(value: k, name: {|APIAUTH005:"x-api-key"|});
                }
            }
            """);

    /// <summary>A URL whose host is a constant written before the variable part still names the host; a variable host does not.</summary>
    [Fact]
    public Task Analyze_UriWithConstantHostAndVariablePath_Reports_Issue16() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpRequestMessage r, string key, string model)
                {
                    r.RequestUri = new Uri($"https://api.openai.com/v1/models/{model}");
                    r.Headers.Add({|APIAUTH005:"api-key"|}, key);
                }

                void N(HttpRequestMessage r, string key, string model)
                {
                    r.RequestUri = new Uri("https://api.openai.com/v1/models/" + model);
                    r.Headers.Add({|APIAUTH005:"api-key"|}, key);
                }

                void O(HttpRequestMessage r, string key, string domain)
                {
                    var docs = "https://api.openai.com/v1/";
                    r.RequestUri = new Uri("https://api." + domain + "/v1/models");
                    r.Headers.Add("api-key", key);
                }

                void P(HttpRequestMessage r, string key, string tail)
                {
                    var docs = "https://api.openai.com/v1/";
                    r.RequestUri = new Uri($"https://api.openai.com{tail}");
                    r.Headers.Add("api-key", key);
                }
            }
            """);
}
