using System.Reflection;

namespace ApiAuth.Analyzers.Tests;

/// <summary>What the .NET 8 SDK's compiler can load: Roslyn 4.8 at most, and no Workspaces in the diagnostics assembly.</summary>
public sealed class AnalyzerAssemblyTests
{
    private static readonly Version Roslyn48 = new(4, 8, 0, 0);

    [Fact]
    public void Analyzers_ReferenceRoslyn48AndNoWorkspaces()
    {
        AssemblyName[] references = typeof(KeyLiteralAnalyzer).Assembly.GetReferencedAssemblies();

        AssemblyName codeAnalysis = Assert.Single(references, static r => r.Name == "Microsoft.CodeAnalysis");
        Assert.True(codeAnalysis.Version <= Roslyn48, codeAnalysis.ToString());
        Assert.DoesNotContain(references, static r => r.Name!.Contains("Workspaces", StringComparison.Ordinal));
        Assert.Equal(".NETStandard,Version=v2.0", typeof(KeyLiteralAnalyzer).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName);
    }

    [Fact]
    public void CodeFixes_ReferenceRoslyn48()
    {
        AssemblyName[] references = typeof(KeyLiteralCodeFix).Assembly.GetReferencedAssemblies();

        Assert.All(
            references.Where(static r => r.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)),
            r => Assert.True(r.Version <= Roslyn48, r.ToString()));
        Assert.Equal(".NETStandard,Version=v2.0", typeof(KeyLiteralCodeFix).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName);
    }
}
