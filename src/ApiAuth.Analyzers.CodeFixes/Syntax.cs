using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ApiAuth.Analyzers;

/// <summary>Small syntax helpers the code fixes share.</summary>
internal static class Syntax
{
    /// <summary>Finds the expression a diagnostic (or one of its additional locations) covers.</summary>
    /// <param name="root">The syntax root.</param>
    /// <param name="location">The location.</param>
    /// <returns>The expression, or <see langword="null"/>.</returns>
    public static ExpressionSyntax? ExpressionAt(SyntaxNode root, Location location) =>
        location.IsInSource && location.SourceSpan.End <= root.FullSpan.End
            ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax
            : null;

    /// <summary>
    /// <c>x ?? throw new InvalidOperationException("message")</c>, with <c>System.</c> written only where <c>System</c> is
    /// not imported.
    /// </summary>
    /// <param name="value">The left operand.</param>
    /// <param name="message">The exception message.</param>
    /// <param name="systemImported">Whether <c>System</c> is in scope unqualified.</param>
    /// <returns>The expression.</returns>
    public static ExpressionSyntax OrThrow(ExpressionSyntax value, string message, bool systemImported) =>
        SyntaxFactory.BinaryExpression(
            SyntaxKind.CoalesceExpression,
            value.WithoutTrivia(),
            SyntaxFactory.ThrowExpression(
                SyntaxFactory.ObjectCreationExpression(SystemType("InvalidOperationException", systemImported))
                    .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(message))))))));

    /// <summary>A type or member of the System namespace, qualified when System is not imported.</summary>
    /// <param name="name">The simple name.</param>
    /// <param name="systemImported">Whether <c>System</c> is in scope unqualified.</param>
    /// <returns>The name.</returns>
    public static NameSyntax SystemType(string name, bool systemImported) =>
        systemImported
            ? SyntaxFactory.IdentifierName(name)
            : SyntaxFactory.QualifiedName(SyntaxFactory.IdentifierName("System"), SyntaxFactory.IdentifierName(name));

    /// <summary>A type of the System namespace in an expression (<c>Environment.X</c>), qualified when System is not imported.</summary>
    /// <param name="name">The simple name.</param>
    /// <param name="systemImported">Whether <c>System</c> is in scope unqualified.</param>
    /// <returns>The expression.</returns>
    public static ExpressionSyntax SystemTypeExpression(string name, bool systemImported) =>
        systemImported
            ? SyntaxFactory.IdentifierName(name)
            : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName("System"), SyntaxFactory.IdentifierName(name));

    /// <summary>Gets a value indicating whether a type of the System namespace is reachable by its simple name at a position.</summary>
    /// <param name="model">The semantic model.</param>
    /// <param name="position">The position.</param>
    /// <param name="name">The simple name (<c>Environment</c>).</param>
    /// <returns><see langword="true"/> when <c>System</c> is imported there.</returns>
    public static bool IsSystemTypeInScope(SemanticModel model, int position, string name) =>
        model.LookupNamespacesAndTypes(position, name: name).Any(static s => s.ContainingNamespace?.ToDisplayString() == "System");

    /// <summary>Wraps an expression in parentheses unless it stands where any expression fits (an argument, an initializer …).</summary>
    /// <param name="original">The expression being replaced.</param>
    /// <param name="replacement">The replacement.</param>
    /// <returns>The replacement, parenthesized if needed.</returns>
    public static ExpressionSyntax ParenthesizeFor(ExpressionSyntax original, ExpressionSyntax replacement) =>
        original.Parent is ArgumentSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax
            or ParenthesizedExpressionSyntax or InitializerExpressionSyntax
            || (original.Parent is AssignmentExpressionSyntax assignment && assignment.Right == original)
            ? replacement
            : SyntaxFactory.ParenthesizedExpression(replacement);
}
