using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ApiAuth.Analyzers.Tests;

/// <summary>
/// Issue 16 red team: following a local walked the whole method for every credential use, so a long method (a top-level
/// program, generated code) cost the square of its length. The locals are now indexed once per block. No timing
/// assertion: the test-level timeout fails a quadratic regression instead of letting it hang. Measured on the 2-core
/// machine: before the fix this method timed out (over 60 s); after it, the whole test takes about 9 s, most of it compiling.
/// </summary>
public sealed class AnalyzerScaleTests
{
    /// <summary>Credential uses in the generated method: each local is passed to a credential and to an Authorization header.</summary>
    private const int Locals = 6000;

    [Fact(Timeout = 60_000)]
    public async Task Analyze_MethodWithThousandsOfCredentialUses_FinishesAndReportsEveryUncheckedOne_Issue16()
    {
        var source = new StringBuilder("""
            using System;
            using System.ClientModel;
            using System.Collections.Generic;
            using System.Net.Http;

            class C
            {
                void M(HttpRequestMessage r, List<ApiKeyCredential> list)
                {

            """);
        for (int i = 0; i < Locals; i++)
        {
            // Every other local is checked; the unchecked ones are reported twice (credential and header).
            source.Append("        var k").Append(i).Append(" = Environment.GetEnvironmentVariable(\"K").Append(i).Append("\")")
                .Append(i % 2 == 0 ? " ?? throw new InvalidOperationException();\n" : ";\n");
            source.Append("        list.Add(new ApiKeyCredential(k").Append(i).Append("!));\n");
            source.Append("        r.Headers.TryAddWithoutValidation(\"Authorization\", k").Append(i).Append(");\n");
        }

        source.Append("    }\n}\n");

        ImmutableArray<MetadataReference> references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, TestContext.Current.CancellationToken);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Scale",
            [CSharpSyntaxTree.ParseText(source.ToString(), cancellationToken: TestContext.Current.CancellationToken), CSharpSyntaxTree.ParseText(Verifier.SdkStubs, cancellationToken: TestContext.Current.CancellationToken)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new CredentialSourceAnalyzer(), new HeaderAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Locals, diagnostics.Count(static d => d.Id == "APIAUTH003"));
        Assert.Equal(diagnostics.Length, diagnostics.Count(static d => d.Id == "APIAUTH003"));
    }
}
