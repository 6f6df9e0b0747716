using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH004: adds <c>.Trim()</c> where the key is read (<c>?.Trim()</c> where the read can return null, such as
/// <c>Console.ReadLine()</c>; <c>(await …).Trim()</c> after an await).
/// </summary>
/// <remarks>Public because code fix hosts discover providers by their export attribute on public types.</remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TrimCodeFix))]
[Shared]
public sealed class TrimCodeFix() : SingleDiagnosticCodeFix(DiagnosticIds.UntrimmedKey)
{
    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (await ReadAtAsync(context, diagnostic).ConfigureAwait(false) is not { } read)
        {
            return;
        }

        bool nullable = diagnostic.Properties.ContainsKey(DiagnosticProperties.Nullable);
        context.RegisterCodeFix(
            CodeAction.Create("Trim the key", ct => FixAsync(context.Document, read, nullable, ct), equivalenceKey: nameof(TrimCodeFix)),
            diagnostic);
    }

    private static async Task<Document> FixAsync(Document document, ExpressionSyntax read, bool nullable, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        ExpressionSyntax receiver = read is AwaitExpressionSyntax or CastExpressionSyntax
            ? SyntaxFactory.ParenthesizedExpression(read.WithoutTrivia())
            : read.WithoutTrivia();
        ExpressionSyntax trimmed = nullable
            ? SyntaxFactory.ConditionalAccessExpression(
                receiver,
                SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("Trim"))))
            : SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Trim")));
        return document.WithSyntaxRoot(root.ReplaceNode(read, trimmed.WithTriviaFrom(read).WithAdditionalAnnotations(Formatter.Annotation)));
    }
}
