using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ApiAuth.Analyzers.Tests;

/// <summary>
/// The analyzers match SDK types and parameters by name, without referencing any SDK. These tests compile against the
/// real OpenAI and Anthropic assemblies, so a name the analyzers expect that the SDKs do not use fails here. The SDK
/// builds in this test's output target the running runtime, so the compilation references the runtime's own assemblies
/// (not the .NET 8 reference pack the other tests use).
/// </summary>
public sealed class RealSdkTests
{
    private static readonly string[] SdkAssemblies =
    [
        typeof(OpenAI.Chat.ChatClient).Assembly.Location,
        typeof(System.ClientModel.ApiKeyCredential).Assembly.Location,
        typeof(Anthropic.AnthropicClient).Assembly.Location,
    ];

    [Fact]
    public Task Analyze_OpenAIAndAnthropicWithUncheckedVariables_Reports() =>
        RunAsync("""
            using System;
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;

            class C
            {
                void M()
                {
                    var a = new ChatClient("gpt-4o-mini", {|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")|});
                    var b = new OpenAIClient(new ApiKeyCredential({|APIAUTH003:Environment.GetEnvironmentVariable("OPENAI_API_KEY")!|}));
                    var c = new Anthropic.AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = {|APIAUTH003:Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY")|} });
                    var d = new ChatClient("gpt-4o-mini", {|APIAUTH004:Console.ReadLine()|});
                }
            }
            """);

    [Fact]
    public Task Analyze_OpenAIAndAnthropicTheCleanWay_DoesNotReport() =>
        RunAsync("""
            using System;
            using System.ClientModel;
            using OpenAI.Chat;

            class C
            {
                void M()
                {
                    var a = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY."));
                    var b = new ChatClient("gpt-4o-mini", new ApiKeyCredential(Console.ReadLine()?.Trim() ?? ""));
                    var c = new Anthropic.AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set ANTHROPIC_API_KEY.") });
                }
            }
            """);

    private static Task RunAsync(string source)
    {
        var test = new CSharpAnalyzerTest<CredentialSourceAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = new ReferenceAssemblies("runtime") };
        string[] runtime = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        foreach (string path in runtime.Where(static p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll").Concat(SdkAssemblies).Distinct())
        {
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(path));
        }

        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
