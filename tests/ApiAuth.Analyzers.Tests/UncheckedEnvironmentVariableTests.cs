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
}
