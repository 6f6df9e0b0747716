using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH001: replaces the key with a read of the provider's usual environment variable that fails clearly when it is
/// unset. No fix where only a constant may stand (attribute arguments, parameter defaults, case labels), nor in the
/// initializer of a <c>const</c> field or local (the const may be used where only a constant may stand, in another const, an
/// attribute or a case label, and turning it into a read would break the build there), nor on a UTF-8 literal (a read is a
/// string, not bytes), and none for keys whose vendor is unknown or has no provider profile (no variable to name).
/// </summary>
/// <remarks>Public because code fix hosts discover providers by their export attribute on public types.</remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeyLiteralCodeFix))]
[Shared]
public sealed class KeyLiteralCodeFix() : SingleDiagnosticCodeFix(DiagnosticIds.KeyLiteral)
{
    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Variable, out string? variable) || variable is null)
        {
            return;
        }

        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || Syntax.ExpressionAt(root, diagnostic.Location) is not { } literal || !CanHoldARead(literal))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Read the key from " + variable,
                ct => ReplaceAsync(context.Document, literal, diagnostic, variable, ct),
                equivalenceKey: nameof(KeyLiteralCodeFix)),
            diagnostic);
    }

    private static bool CanHoldARead(ExpressionSyntax literal) =>
        !literal.IsKind(SyntaxKind.Utf8StringLiteralExpression)
        && !literal.Ancestors().Any(static a => a is AttributeArgumentSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax
            || (a is EqualsValueClauseSyntax && a.Parent is ParameterSyntax)
            || IsConstDeclaration(a));

    private static bool IsConstDeclaration(SyntaxNode node) =>
        (node is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword))
        || (node is LocalDeclarationStatementSyntax local && local.Modifiers.Any(SyntaxKind.ConstKeyword));

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax literal, Diagnostic diagnostic, string variable, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        bool system = Syntax.IsSystemTypeInScope(model, literal.SpanStart, "Environment");
        string provider = diagnostic.Properties.TryGetValue(DiagnosticProperties.Provider, out string? p) && p is not null ? p : "the provider";

        ExpressionSyntax read = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Syntax.SystemTypeExpression("Environment", system), SyntaxFactory.IdentifierName("GetEnvironmentVariable")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(variable))))));
        ExpressionSyntax replacement = Syntax.OrThrow(read, "Set the " + variable + " environment variable to your " + provider + " API key.", system);
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Scheme, out string? scheme) && scheme is not null)
        {
            replacement = SyntaxFactory.BinaryExpression(
                SyntaxKind.AddExpression,
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(scheme)),
                SyntaxFactory.ParenthesizedExpression(replacement));
        }

        replacement = Syntax.ParenthesizeFor(literal, replacement).WithTriviaFrom(literal).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}
