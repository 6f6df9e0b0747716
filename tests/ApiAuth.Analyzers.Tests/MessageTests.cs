using System.Collections.Immutable;
using ApiAuth.Tests.TestDoubles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ApiAuth.Analyzers.Tests;

/// <summary>What each diagnostic says: the vendor, the host, the variable, the API — and never the key.</summary>
public sealed class MessageTests
{
    [Fact]
    public Task KeyLiteral_Message_NamesTheVendor() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => {|#0:"{{TestKeys.Groq()}}"|};
            }
            """, [new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("A Groq")]);

    /// <summary>Every message the analyzers write about a key literal, as the compiler prints it, holds none of the key's secret part.</summary>
    [Fact]
    public async Task AllAnalyzers_MessagesAboutAKey_NeverContainTheKey()
    {
        string key = TestKeys.OpenAIProject();
        string source = $$"""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("Authorization", "{{key}}");
                    var header = new AuthenticationHeaderValue("{{key}}");
                    var uri = new Uri("https://api.anthropic.com/v1/");
                    client.DefaultRequestHeaders.Add("api-key", "{{key}}");
                }
            }
            """;
        ImmutableArray<MetadataReference> references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, TestContext.Current.CancellationToken);
        CSharpCompilation compilation = CSharpCompilation.Create("Messages", [CSharpSyntaxTree.ParseText(source)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new KeyLiteralAnalyzer(), new HeaderAnalyzer(), new CredentialSourceAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["APIAUTH001", "APIAUTH001", "APIAUTH001", "APIAUTH002", "APIAUTH002", "APIAUTH005"], diagnostics.Select(static d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.DoesNotContain(key["sk-proj-".Length..][..12], d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public Task KeyLiteral_xAI_UsesTheLibrarysArticle() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => {|#0:"{{TestKeys.XAI()}}"|};
            }
            """, [new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("An xAI")]);

    [Fact]
    public Task AuthorizationWithoutScheme_Messages_SayWhyAScheme() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>($$"""
            using System;
            using System.Net.Http;

            class C
            {
                void Key(HttpClient client) => {|#0:client.DefaultRequestHeaders.Add("Authorization", "{{TestKeys.OpenAIProject()}}")|};

                void Host()
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.deepseek.com/") };
                    {|#1:client.DefaultRequestHeaders.Add("Authorization", Environment.GetEnvironmentVariable("DEEPSEEK_API_KEY"))|};
                }
            }
            """,
            [
                new DiagnosticResult(Descriptors.AuthorizationWithoutScheme).WithLocation(0).WithArguments("an OpenAI key"),
                new DiagnosticResult(Descriptors.AuthorizationWithoutScheme).WithLocation(1).WithArguments("a bare key for api.deepseek.com"),
            ]);

    [Fact]
    public Task KeyHeaderNotRead_Message_NamesHostProviderAndPlacement() =>
        Verifier.AnalyzerAsync<HeaderAnalyzer>("""
            using System;
            using System.Net.Http;

            class C
            {
                void M(string key)
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.anthropic.com/v1/") };
                    client.DefaultRequestHeaders.Add({|#0:"api-key"|}, key);
                }
            }
            """,
            [new DiagnosticResult(Descriptors.KeyHeaderNotRead).WithLocation(0).WithArguments("api-key", "api.anthropic.com", "Anthropic", "'x-api-key' or 'Authorization: Bearer <key>'")]);

    [Fact]
    public Task CredentialSources_Messages_NameTheVariableAndTheRead() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.IO;

            class C
            {
                void M(string name)
                {
                    var a = new ApiKeyCredential({|#0:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
                    var b = new ApiKeyCredential({|#1:Environment.GetEnvironmentVariable(name)|});
                    var c = new ApiKeyCredential({|#2:File.ReadAllText("key.txt")|});
                }
            }
            """,
            [
                new DiagnosticResult(Descriptors.UncheckedEnvironmentVariable).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("The environment variable OPENAI_API_KEY"),
                new DiagnosticResult(Descriptors.UncheckedEnvironmentVariable).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("An environment variable"),
                new DiagnosticResult(Descriptors.UntrimmedKey).WithLocation(2).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("File.ReadAllText"),
            ],
            more: Verifier.SdkStubs);

    /// <summary>Half-typed code (what the editor analyzes on every keystroke) never makes an analyzer throw (AD0001).</summary>
    [Fact]
    public async Task AllAnalyzers_IncompleteCode_DoNotThrow()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class C
            {
                const string Url = "https://api.openai.com/v1/";
                void M(HttpClient client, HttpRequestMessage request)
                {
                    client.DefaultRequestHeaders.Add("Authorization");
                    client.DefaultRequestHeaders.Add(, );
                    request.Headers.TryAddWithoutValidation("x-api-key", );
                    var a = new AuthenticationHeaderValue();
                    var b = new AuthenticationHeaderValue(Environment.GetEnvironmentVariable());
                    var c = File.ReadAllLines()[;
                    var d = new Uri("https://");
                    var e = new Uri("https://api.openai.com:99999/");
                    var key = ;
                    client.DefaultRequestHeaders.Add("Authorization", key);
                    var f = new Sdk.ClientOptions { ApiKey = Console. };
                    var g = $"{Url}{";
                    string h = "sk-proj-" +
                }
            }
            """;
        await Verifier.AnalyzerAsync<KeyLiteralAnalyzer>(source, [], CompilerDiagnostics.None, Verifier.SdkStubs);
        await Verifier.AnalyzerAsync<HeaderAnalyzer>(source, [], CompilerDiagnostics.None, Verifier.SdkStubs);
        await Verifier.AnalyzerAsync<CredentialSourceAnalyzer>(source, [], CompilerDiagnostics.None, Verifier.SdkStubs);
    }
}
