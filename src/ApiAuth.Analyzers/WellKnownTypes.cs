using Microsoft.CodeAnalysis;

namespace ApiAuth.Analyzers;

/// <summary>The types the analyzers match, looked up once per compilation by metadata name (no SDK is referenced).</summary>
internal sealed class WellKnownTypes
{
    private WellKnownTypes(Compilation compilation)
    {
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        File = compilation.GetTypeByMetadataName("System.IO.File");
        Console = compilation.GetTypeByMetadataName("System.Console");
        TextReader = compilation.GetTypeByMetadataName("System.IO.TextReader");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        HttpHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpHeaders");
        HttpRequestHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpRequestHeaders");
        AuthenticationHeaderValue = compilation.GetTypeByMetadataName("System.Net.Http.Headers.AuthenticationHeaderValue");
        ApiKeyCredential = compilation.GetTypeByMetadataName("System.ClientModel.ApiKeyCredential");
        AzureKeyCredential = compilation.GetTypeByMetadataName("Azure.AzureKeyCredential");
        ApiAuthOptions = compilation.GetTypeByMetadataName("ApiAuth.ApiAuthDiagnosticsOptions");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
    }

    /// <summary>Gets <c>System.Uri</c>.</summary>
    public INamedTypeSymbol? Uri { get; }

    /// <summary>Gets <c>System.Environment</c>.</summary>
    public INamedTypeSymbol? Environment { get; }

    /// <summary>Gets <c>System.IO.File</c>.</summary>
    public INamedTypeSymbol? File { get; }

    /// <summary>Gets <c>System.Console</c>.</summary>
    public INamedTypeSymbol? Console { get; }

    /// <summary>Gets <c>System.IO.TextReader</c> (StreamReader, StringReader derive from it).</summary>
    public INamedTypeSymbol? TextReader { get; }

    /// <summary>Gets <c>System.Linq.Enumerable</c>.</summary>
    public INamedTypeSymbol? Enumerable { get; }

    /// <summary>Gets <c>System.Net.Http.Headers.HttpHeaders</c>.</summary>
    public INamedTypeSymbol? HttpHeaders { get; }

    /// <summary>Gets <c>System.Net.Http.Headers.HttpRequestHeaders</c>.</summary>
    public INamedTypeSymbol? HttpRequestHeaders { get; }

    /// <summary>Gets <c>System.Net.Http.Headers.AuthenticationHeaderValue</c>.</summary>
    public INamedTypeSymbol? AuthenticationHeaderValue { get; }

    /// <summary>Gets <c>System.ClientModel.ApiKeyCredential</c> (OpenAI and other System.ClientModel SDKs).</summary>
    public INamedTypeSymbol? ApiKeyCredential { get; }

    /// <summary>Gets <c>Azure.AzureKeyCredential</c>.</summary>
    public INamedTypeSymbol? AzureKeyCredential { get; }

    /// <summary>Gets <c>ApiAuth.ApiAuthDiagnosticsOptions</c>, present when the compilation references ApiAuth.</summary>
    public INamedTypeSymbol? ApiAuthOptions { get; }

    /// <summary>Looks the types up in a compilation.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <returns>The types (each <see langword="null"/> when absent).</returns>
    public static WellKnownTypes From(Compilation compilation) => new(compilation);

    /// <summary>Gets a value indicating whether a type is <paramref name="expected"/> or derives from it.</summary>
    /// <param name="type">The type.</param>
    /// <param name="expected">The well-known type (may be absent).</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        if (expected is null)
        {
            return false;
        }

        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets a value indicating whether a method is <c>HttpHeaders.Add(string, string)</c> or <c>TryAddWithoutValidation(string, string)</c>.</summary>
    /// <param name="method">The method.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool IsHeaderAdd(IMethodSymbol method) =>
        (method.Name == "Add" || method.Name == "TryAddWithoutValidation")
        && method.Parameters.Length == 2
        && method.Parameters[0].Type.SpecialType == SpecialType.System_String
        && method.Parameters[1].Type.SpecialType == SpecialType.System_String
        && Is(method.ContainingType, HttpHeaders);
}
