namespace ApiAuth.Analyzers.Tests;

public sealed class UncheckedEnvironmentVariableTests
{
    [Fact]
    public Task Analyze_EnvironmentVariableIntoCredentials_Reports() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpClient client)
                {
                    var a = new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
                    var b = new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")!|});
                    var c = new AuthenticationHeaderValue("Bearer", {|APIAUTH003:Environment.GetEnvironmentVariable("GROQ_API_KEY")|});
                    var d = new Sdk.ClientOptions { ApiKey = {|APIAUTH003:Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY")|} };
                    var e = new Sdk.ChatClient("gpt-4o", {|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
                    client.DefaultRequestHeaders.Add("x-api-key", {|APIAUTH003:Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY")|});
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Analyze_ThroughAnUncheckedLocal_Reports() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M()
                {
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
                    return new ApiKeyCredential({|APIAUTH003:key|});
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Analyze_CheckedOrNotACredential_DoesNotReport() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    var a = new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY."));
                    var b = new Sdk.ClientOptions { ApiKey = Environment.GetEnvironmentVariable("KEY") ?? "local-dev" };

                    var checkedWithThrow = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    if (checkedWithThrow is null) throw new InvalidOperationException();
                    var c = new ApiKeyCredential(checkedWithThrow);

                    var checkedWithIsNullOrEmpty = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    if (string.IsNullOrEmpty(checkedWithIsNullOrEmpty)) return;
                    var d = new ApiKeyCredential(checkedWithIsNullOrEmpty);

                    var e = new Sdk.ClientOptions { Model = Environment.GetEnvironmentVariable("MODEL") };
                    client.DefaultRequestHeaders.Add("User-Agent", Environment.GetEnvironmentVariable("AGENT"));
                    Console.WriteLine(Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Fix_DirectArgument_AppendsThrowNamingTheVariable() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, EnvironmentVariableCheckCodeFix>("""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")!|});
            }
            """, """
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your API key."));
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Fix_ThroughLocal_FixesTheRead() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, EnvironmentVariableCheckCodeFix>("""
            using System;

            class C
            {
                Sdk.ClientOptions M()
                {
                    var key = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
                    return new Sdk.ClientOptions { ApiKey = {|APIAUTH003:key|} };
                }
            }
            """, """
            using System;

            class C
            {
                Sdk.ClientOptions M()
                {
                    var key = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable to your API key.");
                    return new Sdk.ClientOptions { ApiKey = key };
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>Where ApiAuth is referenced, the message points to its ApiKeyEnvironmentVariable option.</summary>
    [Fact]
    public Task Fix_ApiAuthReferenced_MessageNamesTheOption() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, EnvironmentVariableCheckCodeFix>("""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
            }
            """, """
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your API key. (Or let ApiAuth read it: ApiAuthDiagnosticsOptions.ApiKeyEnvironmentVariable = \"OPENAI_API_KEY\")."));
            }
            """, Verifier.SdkStubs, "namespace ApiAuth { public sealed class ApiAuthDiagnosticsOptions { } }");

    /// <summary>Issue 16 red team: ArgumentNullException.ThrowIfNull takes object, so the local reaches it through a conversion.</summary>
    [Fact]
    public Task Analyze_ThrowIfNullThroughObjectConversion_DoesNotReport_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M()
                {
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    ArgumentNullException.ThrowIfNull(k);
                    return new ApiKeyCredential(k);
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>Issue 16 red team: named arguments in any order are matched by parameter.</summary>
    [Fact]
    public Task Analyze_NamedArgumentsOutOfOrder_Reports_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpRequestMessage r)
                {
                    r.Headers.Add(value: {|APIAUTH003:Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY")|}, name: "x-api-key");
                    r.Headers.TryAddWithoutValidation(value: {|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|}, name: "Authorization");
                    r.Headers.TryAddWithoutValidation(value: Environment.GetEnvironmentVariable("AGENT"), name: "User-Agent");
                }
            }
            """);

    /// <summary>Issue 16 red team: the scheme written in front of the read does not check it ("Bearer " is sent when the variable is unset).</summary>
    [Fact]
    public Task Analyze_ConcatenatedOrInterpolatedWithScheme_Reports_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("Authorization", {|APIAUTH003:"Bearer " + Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
                    client.DefaultRequestHeaders.Add("Authorization", {|APIAUTH003:$"Bearer {Environment.GetEnvironmentVariable("OPENAI_API_KEY")}"|});
                    client.DefaultRequestHeaders.Add("Authorization", "Bearer " + (Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException()));
                    client.DefaultRequestHeaders.Add("Authorization", $"Bearer {Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException()}");
                }
            }
            """);

    /// <summary>Issue 16 red team: '?.' on the local is no null check; Env(..)?.Trim()! is still null when unset; a ternary operand; two local hops.</summary>
    [Fact]
    public Task Analyze_ConditionalAccessTernaryAndTwoHops_Report_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;

            class C
            {
                void M(bool b)
                {
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    Console.WriteLine(k?.Length);
                    var a = new ApiKeyCredential({|APIAUTH003:k!|});

                    var c = new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")?.Trim()!|});
                    var d = new ApiKeyCredential({|APIAUTH003:b ? "dev" : Environment.GetEnvironmentVariable("OPENAI_API_KEY")!|});

                    var k1 = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    var k2 = k1;
                    var e = new ApiKeyCredential({|APIAUTH003:k2!|});
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>The same shapes, checked, stay silent: a check on either hop, a throw after '?.', a checked ternary operand.</summary>
    [Fact]
    public Task Analyze_ConditionalAccessTernaryAndTwoHopsChecked_DoNotReport_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;

            class C
            {
                void M(bool b)
                {
                    var c = new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")?.Trim() ?? throw new InvalidOperationException());
                    var d = new ApiKeyCredential(b ? "dev" : Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException());

                    var k1 = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    if (k1 is null) throw new InvalidOperationException();
                    var k2 = k1;
                    var e = new ApiKeyCredential(k2);

                    var j1 = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    var j2 = j1;
                    ArgumentException.ThrowIfNullOrEmpty(j2);
                    var f = new ApiKeyCredential(j2);
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>
    /// Issue 16 decision: <c>?? ""</c> (or <c>string.Empty</c>) is not a check — the request is sent with an empty key
    /// when the variable is unset — so it is reported with the same message; a real fallback value is a choice and is not.
    /// </summary>
    [Fact]
    public Task Analyze_CoalesceToEmptyString_ReportsAsUnchecked_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;

            class C
            {
                void M()
                {
                    var a = new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? ""|});
                    var b = new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? string.Empty|});
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "";
                    var c = new ApiKeyCredential({|APIAUTH003:k|});
                    var fallback = new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "local-dev-key");
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>The fix replaces the empty fallback with the throw.</summary>
    [Fact]
    public Task Fix_CoalesceToEmptyString_ReplacesFallbackWithThrow_Issue16() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, EnvironmentVariableCheckCodeFix>("""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? ""|});
            }
            """, """
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your API key."));
            }
            """, Verifier.SdkStubs);

    /// <summary>The fix inside a concatenation keeps the scheme and parenthesizes the check.</summary>
    [Fact]
    public Task Fix_ConcatenatedWithScheme_ChecksTheRead_Issue16() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, EnvironmentVariableCheckCodeFix>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpClient client) => client.DefaultRequestHeaders.Add("Authorization", {|APIAUTH003:"Bearer " + Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
            }
            """, """
            using System;
            using System.Net.Http;

            class C
            {
                void M(HttpClient client) => client.DefaultRequestHeaders.Add("Authorization", "Bearer " + (Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your API key.")));
            }
            """);

    /// <summary>Analysis per operation block also covers field and property initializers, lambdas and local functions.</summary>
    [Fact]
    public Task Analyze_InitializersLambdasAndLocalFunctions_Report_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential _field = new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")!|});
                ApiKeyCredential Property { get; } = new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")!|});

                void M()
                {
                    var k = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                    Func<ApiKeyCredential> lambda = () => new ApiKeyCredential({|APIAUTH003:k!|});
                    ApiKeyCredential Local() => new ApiKeyCredential({|APIAUTH003:k!|});
                }
            }
            """, Verifier.SdkStubs);
}
