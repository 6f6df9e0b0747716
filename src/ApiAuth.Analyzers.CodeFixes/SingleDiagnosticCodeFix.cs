using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ApiAuth.Analyzers;

/// <summary>
/// What the four ApiAuth code fixes share: each fixes one diagnostic id, every occurrence in a batch ("Fix all"), and most
/// start from the expression a diagnostic points at.
/// </summary>
/// <remarks>Public because the code fix providers deriving from it are public (hosts discover them by their export attribute).</remarks>
public abstract class SingleDiagnosticCodeFix : CodeFixProvider
{
    /// <summary>Initializes a new instance of the <see cref="SingleDiagnosticCodeFix"/> class.</summary>
    /// <param name="diagnosticId">The id this provider fixes.</param>
    protected SingleDiagnosticCodeFix(string diagnosticId) => FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>Gets the expression where the credential is read (the diagnostic's first additional location), or <see langword="null"/>.</summary>
    /// <param name="context">The code fix context.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>The read, or <see langword="null"/> when the document or the location is gone.</returns>
    private protected static async Task<ExpressionSyntax?> ReadAtAsync(CodeFixContext context, Diagnostic diagnostic)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        return root is null || diagnostic.AdditionalLocations.Count == 0 ? null : Syntax.ExpressionAt(root, diagnostic.AdditionalLocations[0]);
    }
}
