using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Analyzers.Tests;

public sealed class AuthorizationSchemeTests
{
    [Fact]
    public Task Analyze_AddWithKeyLiteral_Reports() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    {|APIAUTH002:client.DefaultRequestHeaders.Add("Authorization", "{{TestKeys.OpenAIProject()}}")|};
                }
            }
            """);

    [Fact]
    public Task Analyze_TryAddWithLocalHoldingAKeyAnyCase_Reports() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
            using System.Net.Http;

            class C
            {
                bool M(HttpRequestMessage request)
                {
                    var key = "{{TestKeys.Anthropic()}}";
                    return {|APIAUTH002:request.Headers.TryAddWithoutValidation("authorization", key)|};
                }
            }
            """);

    [Fact]
    public Task Analyze_SingleArgumentAuthenticationHeaderValueWithKey_Reports() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
            using System.Net.Http.Headers;

            class C
            {
                AuthenticationHeaderValue M() => {|APIAUTH002:new AuthenticationHeaderValue("{{TestKeys.Groq()}}")|};
            }
            """);

    [Fact]
    public Task Analyze_EnvironmentVariableWithProviderHostInMethod_Reports() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M()
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();
                    {|APIAUTH002:client.DefaultRequestHeaders.Add("Authorization", key)|};
                }
            }
            """);

    [Fact]
    public Task Analyze_FileReadWithAzureHost_Reports() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System.IO;
            using System.Net.Http;

            class C
            {
                void M()
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "https://contoso.openai.azure.com/openai/deployments/gpt/chat/completions");
                    {|APIAUTH002:request.Headers.Add("Authorization", File.ReadAllText("key.txt").Trim())|};
                }
            }
            """);

    [Fact]
    public Task Analyze_SchemeWrittenOrTyped_DoesNotReport() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(string key)
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
                    var fromEnv = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    client.DefaultRequestHeaders.Add("Authorization", "Bearer " + fromEnv);
                    client.DefaultRequestHeaders.Add("Authorization", $"Bearer {fromEnv}");
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fromEnv);
                    client.DefaultRequestHeaders.Add("Authorization", key);
                }
            }
            """);

    [Fact]
    public Task Analyze_KeyBuiltAtRunTimeWithoutHost_DoesNotReport() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("Authorization", "sk-proj-" + new string('A', 150));
                    client.DefaultRequestHeaders.Add("Authorization", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                }
            }
            """);

    /// <summary>A local server or relay may take a bare key: an unknown host in the method turns the host rule off.</summary>
    [Fact]
    public Task Analyze_UnknownHostInMethod_DoesNotReport() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M()
                {
                    var client = new HttpClient { BaseAddress = new Uri("http://localhost:11434/v1/") };
                    client.DefaultRequestHeaders.Add("Authorization", Environment.GetEnvironmentVariable("OLLAMA_KEY"));
                    var other = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
                    other.DefaultRequestHeaders.Add("Authorization", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                }
            }
            """);

    /// <summary>A scheme name alone is what the one-argument constructor is for.</summary>
    [Fact]
    public Task Analyze_SchemeNameInSingleArgumentConstructor_DoesNotReport() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                AuthenticationHeaderValue M()
                {
                    var uri = new Uri("https://api.openai.com/v1/");
                    return new AuthenticationHeaderValue("Negotiate");
                }
            }
            """);

    [Fact]
    public Task Fix_HeadersAdd_AssignsAuthorizationAndAddsUsing() =>
        Verifier.CodeFixAsync<HeaderAnalyzer, AuthorizationSchemeCodeFix>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M()
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.groq.com/openai/v1/") };
                    var key = Environment.GetEnvironmentVariable("GROQ_API_KEY") ?? throw new InvalidOperationException();
                    {|APIAUTH002:client.DefaultRequestHeaders.Add("Authorization", key)|};
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M()
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.groq.com/openai/v1/") };
                    var key = Environment.GetEnvironmentVariable("GROQ_API_KEY") ?? throw new InvalidOperationException();
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
            }
            """);

    [Fact]
    public Task Fix_TypeAlreadyInScope_AddsNoUsing() =>
        Verifier.CodeFixAsync<HeaderAnalyzer, AuthorizationSchemeCodeFix>("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpRequestMessage request)
                {
                    var uri = new Uri("https://api.x.ai/v1/chat/completions");
                    {|APIAUTH002:request.Headers.TryAddWithoutValidation("Authorization", Environment.GetEnvironmentVariable("XAI_API_KEY"))|};
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpRequestMessage request)
                {
                    var uri = new Uri("https://api.x.ai/v1/chat/completions");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("XAI_API_KEY"));
                }
            }
            """);

    [Fact]
    public Task Fix_SingleArgumentConstructor_AddsBearer() =>
        Verifier.CodeFixAsync<HeaderAnalyzer, AuthorizationSchemeCodeFix>("""
            using System;
            using System.Net.Http.Headers;

            class C
            {
                AuthenticationHeaderValue M()
                {
                    var uri = new Uri("https://api.mistral.ai/v1/");
                    return {|APIAUTH002:new AuthenticationHeaderValue(Environment.GetEnvironmentVariable("MISTRAL_API_KEY"))|};
                }
            }
            """, """
            using System;
            using System.Net.Http.Headers;

            class C
            {
                AuthenticationHeaderValue M()
                {
                    var uri = new Uri("https://api.mistral.ai/v1/");
                    return new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("MISTRAL_API_KEY"));
                }
            }
            """);

    /// <summary>The result of TryAddWithoutValidation is used: an assignment would change the meaning, so no fix.</summary>
    [Fact]
    public Task Fix_ResultUsed_OffersNoFix()
    {
        string source = $$"""
            using System.Net.Http;

            class C
            {
                bool M(HttpRequestMessage request) => {|APIAUTH002:request.Headers.TryAddWithoutValidation("Authorization", "{{TestKeys.OpenAIProject()}}")|};
            }
            """;
        return Verifier.CodeFixAsync<HeaderAnalyzer, AuthorizationSchemeCodeFix>(source, source);
    }

    /// <summary>Issue 16 red team: named arguments in any order are matched by parameter, and the fix takes the value argument.</summary>
    [Fact]
    public Task Analyze_NamedArgumentsOutOfOrder_Reports_Issue16() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
            using System.Net.Http;

            class C
            {
                void M(HttpRequestMessage r)
                {
                    {|APIAUTH002:r.Headers.TryAddWithoutValidation(value: "{{TestKeys.OpenAIProject()}}", name: "Authorization")|};
                    {|APIAUTH002:r.Headers.Add(value: "{{TestKeys.Groq()}}", name: "Authorization")|};
                    r.Headers.Add(value: "{{TestKeys.Groq()}}", name: "User-Agent");
                }
            }
            """);

    [Fact]
    public Task Fix_NamedArgumentsOutOfOrder_UsesTheValue_Issue16() =>
        Verifier.CodeFixAsync<HeaderAnalyzer, AuthorizationSchemeCodeFix>("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpRequestMessage request)
                {
                    var uri = new Uri("https://api.openai.com/v1/chat/completions");
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();
                    {|APIAUTH002:request.Headers.Add(value: key, name: "Authorization")|};
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpRequestMessage request)
                {
                    var uri = new Uri("https://api.openai.com/v1/chat/completions");
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
            }
            """);

    /// <summary>Issue 16 red team: a request that may go to a URL the method does not name (a gateway) is not judged by the constant host.</summary>
    [Fact]
    public Task Analyze_GatewayBranchWithNonConstantUri_DoesNotReport_Issue16() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpRequestMessage r, string? gateway)
                {
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();
                    if (gateway is not null)
                    {
                        r.RequestUri = new Uri(gateway);
                        r.Headers.TryAddWithoutValidation("Authorization", k);
                    }
                    else
                    {
                        r.RequestUri = new Uri("https://api.openai.com/v1/chat/completions");
                        r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + k);
                    }
                }

                void N(HttpRequestMessage r, Uri configured)
                {
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();
                    var fallback = "https://api.openai.com/v1/chat/completions";
                    r.RequestUri = configured;
                    r.Headers.TryAddWithoutValidation("Authorization", k);
                }

                void O(HttpClient client, Uri configured)
                {
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();
                    var docs = "https://api.openai.com/v1/";
                    client.BaseAddress = configured;
                    client.DefaultRequestHeaders.Add("Authorization", k);
                }
            }
            """);

    /// <summary>The constant-only version of the same method is still reported: the non-constant URL is what silences it.</summary>
    [Fact]
    public Task Analyze_ConstantUriOnlyBranch_Reports_Issue16() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpRequestMessage r)
                {
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();
                    r.RequestUri = new Uri("https://api.openai.com/v1/chat/completions");
                    {|APIAUTH002:r.Headers.TryAddWithoutValidation("Authorization", k)|};
                }
            }
            """);

    /// <summary>Issue 16 red team: the using goes after every global using (CS8915 otherwise).</summary>
    [Fact]
    public Task Fix_FileWithGlobalUsings_AddsUsingAfterThem_Issue16() =>
        Verifier.CodeFixAsync<HeaderAnalyzer, AuthorizationSchemeCodeFix>($$"""
            global using System.Threading;
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    {|APIAUTH002:client.DefaultRequestHeaders.Add("Authorization", "{{TestKeys.OpenAIProject()}}")|};
                }
            }
            """, $$"""
            global using System.Threading;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "{{TestKeys.OpenAIProject()}}");
                }
            }
            """);

    /// <summary>Issue 16 red team: where the file keeps its usings inside the namespace, the new one goes there too.</summary>
    [Fact]
    public Task Fix_UsingsInsideNamespace_AddsUsingInside_Issue16() =>
        Verifier.CodeFixAsync<HeaderAnalyzer, AuthorizationSchemeCodeFix>($$"""
            global using System.Threading;

            namespace App
            {
                using System.Net.Http;

                class C
                {
                    void M(HttpClient client)
                    {
                        {|APIAUTH002:client.DefaultRequestHeaders.Add("Authorization", "{{TestKeys.OpenAIProject()}}")|};
                    }
                }
            }
            """, $$"""
            global using System.Threading;

            namespace App
            {
                using System.Net.Http;
                using System.Net.Http.Headers;

                class C
                {
                    void M(HttpClient client)
                    {
                        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "{{TestKeys.OpenAIProject()}}");
                    }
                }
            }
            """);
}
