using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ApiAuth.Analyzers.Tests;

/// <summary>Runs an analyzer (and a code fix) over test sources compiled against the .NET 8 reference assemblies.</summary>
internal static class Verifier
{
    /// <summary>Stand-ins for SDK types the analyzers match by metadata name (no SDK is referenced).</summary>
    public const string SdkStubs = """
        namespace System.ClientModel { public class ApiKeyCredential { public ApiKeyCredential(string key) { } } }
        namespace Sdk { public class ChatClient { public ChatClient(string model, string apiKey) { } } public class ClientOptions { public string ApiKey { get; set; } public string Model { get; set; } } }
        """;

    public static Task AnalyzerAsync<TAnalyzer>(string source, params string[] more)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = ReferenceAssemblies.Net.Net80 };
        foreach (string extra in more)
        {
            test.TestState.Sources.Add(extra);
        }

        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs an analyzer with explicit expectations (markup <c>{|#0:…|}</c> locations, message arguments).</summary>
    public static Task AnalyzerAsync<TAnalyzer>(string source, DiagnosticResult[] expected, CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors, params string[] more)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CompilerDiagnostics = compilerDiagnostics,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        foreach (string extra in more)
        {
            test.TestState.Sources.Add(extra);
        }

        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    public static Task CodeFixAsync<TAnalyzer, TFix>(string source, string fixedSource, params string[] more)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        foreach (string extra in more)
        {
            test.TestState.Sources.Add(extra);
            test.FixedState.Sources.Add(extra);
        }

        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
