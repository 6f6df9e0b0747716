using System.Collections.Immutable;
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
/// unset. A <c>const</c> that held the key becomes <c>static readonly</c> (a field) or a plain local, since a read is not a
/// constant. No fix where only a constant may stand (attribute arguments, parameter defaults, case labels), and none for
/// vendors without a provider profile (no variable to name).
/// </summary>
/// <remarks>Public because code fix hosts discover providers by their export attribute on public types.</remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeyLiteralCodeFix))]
[Shared]
public sealed class KeyLiteralCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.KeyLiteral);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
        !literal.Ancestors().Any(static a => a is AttributeArgumentSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax
            || (a is EqualsValueClauseSyntax && a.Parent is ParameterSyntax));

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

        // A const cannot hold a read: the field becomes static readonly, the local a plain local.
        SyntaxNode? declaration = literal.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: var holder } } }
            ? holder
            : null;
        if (declaration is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword))
        {
            FieldDeclarationSyntax newField = field.ReplaceNode(literal, replacement);
            newField = newField.WithModifiers(WithoutConst(newField.Modifiers, SyntaxFactory.Token(SyntaxKind.StaticKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword)));
            return document.WithSyntaxRoot(root.ReplaceNode(field, newField));
        }

        if (declaration is LocalDeclarationStatementSyntax local && local.Modifiers.Any(SyntaxKind.ConstKeyword))
        {
            LocalDeclarationStatementSyntax newLocal = local.ReplaceNode(literal, replacement);
            newLocal = newLocal.WithModifiers(WithoutConst(newLocal.Modifiers));
            if (!newLocal.Modifiers.Any())
            {
                newLocal = newLocal.WithLeadingTrivia(local.GetLeadingTrivia());
            }

            return document.WithSyntaxRoot(root.ReplaceNode(local, newLocal));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }

    private static SyntaxTokenList WithoutConst(SyntaxTokenList modifiers, params SyntaxToken[] insteadOfConst)
    {
        var result = new List<SyntaxToken>();
        foreach (SyntaxToken modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.ConstKeyword))
            {
                for (int i = 0; i < insteadOfConst.Length; i++)
                {
                    SyntaxToken token = insteadOfConst[i];
                    token = i == 0 ? token.WithLeadingTrivia(modifier.LeadingTrivia) : token;
                    token = i == insteadOfConst.Length - 1 ? token.WithTrailingTrivia(modifier.TrailingTrivia) : token.WithTrailingTrivia(SyntaxFactory.Space);
                    result.Add(token);
                }
            }
            else
            {
                result.Add(modifier);
            }
        }

        return SyntaxFactory.TokenList(result);
    }
}
