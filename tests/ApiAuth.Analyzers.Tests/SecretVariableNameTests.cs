using System.Collections.Immutable;
using System.Globalization;
using ApiAuth.Tests.TestDoubles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ApiAuth.Analyzers.Tests;

/// <summary>
/// Issue 16 red team: a key pasted where the variable's name belongs (<c>GetEnvironmentVariable("sk-…")</c>) is a secret.
/// APIAUTH003 still reports the unchecked read, but names no variable: not in its message, its properties or its fix.
/// </summary>
public sealed class SecretVariableNameTests
{
    public static TheoryData<string> Keys() => new()
    {
        "openai-project", "anthropic", "groq", "google", "azure", "deepseek", "random-mixed-case",
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Analyze_KeyPassedAsVariableName_NamesNoVariable_Issue16(string kind)
    {
        string key = KeyOf(kind);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync($$"""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(Environment.GetEnvironmentVariable("{{key}}")!);
            }
            """);

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("APIAUTH003", diagnostic.Id);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        AssertNoPartOf(key, message);
        Assert.All(diagnostic.Properties.Values, v => AssertNoPartOf(key, v ?? string.Empty));
        Assert.False(diagnostic.Properties.ContainsKey(DiagnosticProperties.Variable));
        Assert.Contains("looks like a key, not a variable name", message, StringComparison.Ordinal);
    }

    /// <summary>The fix writes the throw, and its message does not copy the key a second time: the key stays where the user wrote it, once.</summary>
    [Fact]
    public Task Fix_KeyPassedAsVariableName_DoesNotCopyTheKey_Issue16()
    {
        string key = TestKeys.OpenAIProject();
        return Verifier.CodeFixAsync<CredentialSourceAnalyzer, EnvironmentVariableCheckCodeFix>($$"""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("{{key}}")!|});
            }
            """, $$"""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(Environment.GetEnvironmentVariable("{{key}}") ?? throw new InvalidOperationException("Pass the name of the environment variable that holds your API key, not the key itself."));
            }
            """, Verifier.SdkStubs);
    }

    /// <summary>With ApiAuth referenced the message would name the option with the variable: still no key.</summary>
    [Fact]
    public Task Fix_KeyPassedAsVariableNameWithApiAuth_DoesNotCopyTheKey_Issue16()
    {
        string key = TestKeys.Groq();
        return Verifier.CodeFixAsync<CredentialSourceAnalyzer, EnvironmentVariableCheckCodeFix>($$"""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("{{key}}")|});
            }
            """, $$"""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(Environment.GetEnvironmentVariable("{{key}}") ?? throw new InvalidOperationException("Pass the name of the environment variable that holds your API key, not the key itself. (Or let ApiAuth read it: ApiAuthDiagnosticsOptions.ApiKeyEnvironmentVariable)."));
            }
            """, Verifier.SdkStubs, "namespace ApiAuth { public sealed class ApiAuthDiagnosticsOptions { } }");
    }

    /// <summary>Not a plausible name ([A-Za-z_][A-Za-z0-9_]{0,127}): reported without a name; a plausible one is still named.</summary>
    [Theory]
    [InlineData("OPENAI API KEY", "An environment variable")]
    [InlineData("1PASSWORD_KEY", "An environment variable")]
    [InlineData("OPENAI_API_KEY", "The environment variable OPENAI_API_KEY")]
    [InlineData("OpenAI__ApiKey", "The environment variable OpenAI__ApiKey")]
    public Task Analyze_VariableNamePlausibility_NamesOnlyPlausibleNames_Issue16(string name, string what) =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>($$"""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|#0:Environment.GetEnvironmentVariable("{{name}}")|});
            }
            """, [new DiagnosticResult(Descriptors.UncheckedEnvironmentVariable).WithLocation(0).WithLocation(0).WithArguments(what)], CompilerDiagnostics.Errors, Verifier.SdkStubs);

    [Fact]
    public void VariableNames_Plausibility_KeysAndJunkAreNotNames_Issue16()
    {
        Assert.True(VariableNames.IsPlausible("OPENAI_API_KEY"));
        Assert.True(VariableNames.IsPlausible("_x"));
        Assert.True(VariableNames.IsPlausible("AZURE_OPENAI_API_KEY_2"));
        Assert.True(VariableNames.IsPlausible("ConnectionStrings__OpenAI"));
        Assert.True(VariableNames.IsPlausible(new string('A', 128)));
        Assert.False(VariableNames.IsPlausible(new string('A', 129)));
        Assert.False(VariableNames.IsPlausible(string.Empty));
        Assert.False(VariableNames.IsPlausible("A-B"));
        foreach (string kind in Keys())
        {
            Assert.False(VariableNames.IsPlausible(KeyOf(kind)), kind);
        }
    }

    private static string KeyOf(string kind) => kind switch
    {
        "openai-project" => TestKeys.OpenAIProject(),
        "anthropic" => TestKeys.Anthropic(),
        "groq" => TestKeys.Groq(),
        "google" => TestKeys.Google(),
        "azure" => TestKeys.Azure(),
        "deepseek" => TestKeys.DeepSeek(),
        "random-mixed-case" => "Q" + TestKeys.Body(39, seed: 5),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>No 8-character window of the key appears in the text.</summary>
    private static void AssertNoPartOf(string key, string text)
    {
        for (int i = 0; i + 8 <= key.Length; i++)
        {
            Assert.DoesNotContain(key.Substring(i, 8), text, StringComparison.Ordinal);
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        ImmutableArray<MetadataReference> references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, TestContext.Current.CancellationToken);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Secret",
            [CSharpSyntaxTree.ParseText(source), CSharpSyntaxTree.ParseText(Verifier.SdkStubs)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return await compilation.WithAnalyzers([new CredentialSourceAnalyzer()]).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }
}
