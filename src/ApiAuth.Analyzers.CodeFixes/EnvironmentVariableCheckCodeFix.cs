using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH003: appends <c>?? throw new InvalidOperationException("Set NAME …")</c> to the read (where the variable is
/// read, also when it reaches the credential through a local), replacing a <c>!</c> that only silenced the compiler.
/// Where the compilation references ApiAuth, the message names <c>ApiKeyEnvironmentVariable</c> as the alternative.
/// </summary>
/// <remarks>Public because code fix hosts discover providers by their export attribute on public types.</remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnvironmentVariableCheckCodeFix))]
[Shared]
public sealed class EnvironmentVariableCheckCodeFix() : SingleDiagnosticCodeFix(DiagnosticIds.UncheckedEnvironmentVariable)
{
    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (await ReadAtAsync(context, diagnostic).ConfigureAwait(false) is not { } read)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Throw when the variable is not set", ct => FixAsync(context.Document, read, diagnostic, ct), equivalenceKey: nameof(EnvironmentVariableCheckCodeFix)),
            diagnostic);
    }

    /// <summary>The exception message the fix writes.</summary>
    /// <param name="variable">The variable, or <see langword="null"/> when its name is not a constant.</param>
    /// <param name="apiAuthReferenced">Whether ApiAuth is referenced.</param>
    /// <returns>The message.</returns>
    /// <param name="nameLooksLikeKey">Whether the value passed as the name looks like a key (it is then not repeated).</param>
    internal static string Message(string? variable, bool apiAuthReferenced, bool nameLooksLikeKey = false)
    {
        string message = nameLooksLikeKey
            ? "Pass the name of the environment variable that holds your API key, not the key itself."
            : variable is null
            ? "Set the environment variable that holds your API key."
            : "Set the " + variable + " environment variable to your API key.";
        return apiAuthReferenced
            ? message + " (Or let ApiAuth read it: ApiAuthDiagnosticsOptions.ApiKeyEnvironmentVariable" + (variable is null ? ")." : " = \"" + variable + "\").")
            : message;
    }

    private static async Task<Document> FixAsync(Document document, ExpressionSyntax read, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        ExpressionSyntax target = read.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression)
            ? suppressed
            : read;

        // Env(..) ?? "" sends an empty key: the throw replaces the empty fallback.
        if (target.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce && coalesce.Left == target && IsEmptyString(coalesce.Right))
        {
            target = coalesce;
        }

        diagnostic.Properties.TryGetValue(DiagnosticProperties.Variable, out string? variable);
        bool apiAuth = diagnostic.Properties.ContainsKey(DiagnosticProperties.ApiAuthReferenced);
        bool looksLikeKey = diagnostic.Properties.ContainsKey(DiagnosticProperties.NameLooksLikeKey);
        bool system = Syntax.IsSystemTypeInScope(model, read.SpanStart, "InvalidOperationException");
        ExpressionSyntax replacement = Syntax.ParenthesizeFor(target, Syntax.OrThrow(read, Message(variable, apiAuth, looksLikeKey), system))
            .WithTriviaFrom(target)
            .WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(target, replacement));
    }

    private static bool IsEmptyString(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression, Token.ValueText.Length: 0 }
        || expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty", Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" } };
}
