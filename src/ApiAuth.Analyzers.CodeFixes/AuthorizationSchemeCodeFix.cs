using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH002: <c>headers.Add("Authorization", key)</c> becomes <c>headers.Authorization = new AuthenticationHeaderValue("Bearer", key)</c>,
/// and <c>new AuthenticationHeaderValue(key)</c> becomes <c>new AuthenticationHeaderValue("Bearer", key)</c>; adds
/// <c>using System.Net.Http.Headers;</c> when the type is not in scope. No fix where the call's result is used
/// (<c>if (headers.TryAddWithoutValidation(…))</c>) or the headers are not request headers.
/// </summary>
/// <remarks>Public because code fix hosts discover providers by their export attribute on public types.</remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AuthorizationSchemeCodeFix))]
[Shared]
public sealed class AuthorizationSchemeCodeFix() : SingleDiagnosticCodeFix(DiagnosticIds.AuthorizationWithoutScheme)
{
    private const string HeadersNamespace = "System.Net.Http.Headers";

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out string? fix))
        {
            return;
        }

        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        ExpressionSyntax? node = root is null ? null : Syntax.ExpressionAt(root, diagnostic.Location);
        if (fix == "assign" && node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax, ArgumentList.Arguments.Count: 2, Parent: ExpressionStatementSyntax } invocation)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Set Authorization with the Bearer scheme", ct => AssignAsync(context.Document, invocation, ct), equivalenceKey: nameof(AuthorizationSchemeCodeFix)),
                diagnostic);
        }
        else if (fix == "ctor" && node is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1 } creation)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Add the Bearer scheme", ct => AddSchemeAsync(context.Document, creation, ct), equivalenceKey: nameof(AuthorizationSchemeCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> AssignAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        var statement = (ExpressionStatementSyntax)invocation.Parent!;
        ExpressionSyntax key = ValueArgument(invocation.ArgumentList).Expression.WithoutTrivia();
        ExpressionStatementSyntax assignment = SyntaxFactory.ExpressionStatement(
                SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression,
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Authorization")),
                    Bearer(key)))
            .WithTriviaFrom(statement)
            .WithAdditionalAnnotations(Formatter.Annotation);
        return await WithUsingAsync(document, statement, assignment, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> AddSchemeAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        ArgumentSyntax key = creation.ArgumentList!.Arguments[0];
        BaseObjectCreationExpressionSyntax fixedCreation = creation.WithArgumentList(creation.ArgumentList.WithArguments(
            SyntaxFactory.SeparatedList([SyntaxFactory.Argument(BearerLiteral()), key.WithoutLeadingTrivia()])));
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(creation, fixedCreation.WithAdditionalAnnotations(Formatter.Annotation)));
    }

    /// <summary>The header's value: the argument named <c>value</c>, else the second (a positional value stands in its place).</summary>
    private static ArgumentSyntax ValueArgument(ArgumentListSyntax list) =>
        list.Arguments.FirstOrDefault(static a => a.NameColon?.Name.Identifier.ValueText == "value") ?? list.Arguments[1];

    private static ObjectCreationExpressionSyntax Bearer(ExpressionSyntax key) =>
        SyntaxFactory.ObjectCreationExpression(SyntaxFactory.IdentifierName("AuthenticationHeaderValue"))
            .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList([SyntaxFactory.Argument(BearerLiteral()), SyntaxFactory.Argument(key)])));

    private static LiteralExpressionSyntax BearerLiteral() =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("Bearer"));

    /// <summary>Replaces the statement, and adds <c>using System.Net.Http.Headers;</c> when AuthenticationHeaderValue is not in scope there.</summary>
    private static async Task<Document> WithUsingAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        bool inScope = model.LookupNamespacesAndTypes(oldNode.SpanStart, name: "AuthenticationHeaderValue")
            .Any(static s => s.ContainingNamespace?.ToDisplayString() == HeadersNamespace);
        if (inScope || root is not CompilationUnitSyntax unit)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
        }

        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(HeadersNamespace))
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation);

        // Where the file keeps its usings: inside the statement's namespace when they are there (and none are outside).
        bool plainOutside = unit.Usings.Any(static u => u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None));
        BaseNamespaceDeclarationSyntax? scope = plainOutside
            ? null
            : oldNode.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault(static n => n.Usings.Count > 0);
        if (scope is null)
        {
            unit = unit.ReplaceNode(oldNode, newNode);
            return document.WithSyntaxRoot(unit.WithUsings(Insert(unit.Usings, directive)));
        }

        BaseNamespaceDeclarationSyntax fixedScope = scope.ReplaceNode(oldNode, newNode);
        return document.WithSyntaxRoot(unit.ReplaceNode(scope, fixedScope.WithUsings(Insert(fixedScope.Usings, directive))));
    }

    /// <summary>Inserts the directive in order among the plain usings, after every <c>global using</c> (CS8915 otherwise).</summary>
    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive)
    {
        int index = 0;
        while (index < usings.Count && !usings[index].GlobalKeyword.IsKind(SyntaxKind.None))
        {
            index++;
        }

        while (index < usings.Count && usings[index].StaticKeyword.IsKind(SyntaxKind.None) && usings[index].Alias is null
            && string.CompareOrdinal(usings[index].Name?.ToString(), HeadersNamespace) < 0)
        {
            index++;
        }

        if (usings.Count > 0)
        {
            directive = directive.WithTrailingTrivia(usings[Math.Min(index, usings.Count - 1)].GetTrailingTrivia());
        }

        return usings.Insert(index, directive);
    }
}
