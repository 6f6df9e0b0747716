using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH003 (an environment variable used as a credential without a null check) and APIAUTH004 (a key read from a file,
/// the console or a reader used without Trim). Credentials are: the argument of <c>ApiKeyCredential</c>,
/// <c>AzureKeyCredential</c> and <c>AuthenticationHeaderValue</c> constructors, a string parameter named <c>apiKey</c>
/// (SDK clients), a property named <c>ApiKey</c> (ApiAuth's and SDKs' options), and the value of a key header added with
/// <c>HttpHeaders.Add</c> / <c>TryAddWithoutValidation</c>. Types are matched by metadata name; no SDK is referenced.
/// </summary>
/// <remarks>Public because analyzer hosts discover analyzers by reflection over public types.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CredentialSourceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UncheckedEnvironmentVariable, Descriptors.UntrimmedKey);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.From(start.Compilation);
            start.RegisterOperationBlockStartAction(block =>
            {
                // The credentials of one block are collected first and judged at its end, against one index of its locals.
                var credentials = new ConcurrentQueue<(IOperation Value, SyntaxNode Written)>();
                block.RegisterOperationAction(c => CollectArgument(c, types, credentials), OperationKind.Argument);
                block.RegisterOperationAction(c => CollectAssignment(c, credentials), OperationKind.SimpleAssignment);
                block.RegisterOperationBlockEndAction(end =>
                {
                    if (credentials.IsEmpty)
                    {
                        return;
                    }

                    LocalIndex index = LocalIndex.Build(end.OperationBlocks);
                    foreach ((IOperation value, SyntaxNode written) in credentials)
                    {
                        Check(end.ReportDiagnostic, value, written, types, index);
                    }
                });
            });
        });
    }

    private static void CollectArgument(OperationAnalysisContext context, WellKnownTypes types, ConcurrentQueue<(IOperation Value, SyntaxNode Written)> credentials)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is { } parameter && IsCredentialParameter(argument, parameter, types))
        {
            // The argument as written, with a null-forgiving '!' if there is one (the operation tree has no node for it).
            credentials.Enqueue((argument.Value, Written(argument.Value.Syntax)));
        }
    }

    private static void CollectAssignment(OperationAnalysisContext context, ConcurrentQueue<(IOperation Value, SyntaxNode Written)> credentials)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: var property }
            && property.Type.SpecialType == SpecialType.System_String
            && string.Equals(property.Name, "ApiKey", StringComparison.OrdinalIgnoreCase))
        {
            credentials.Enqueue((assignment.Value, Written(assignment.Value.Syntax)));
        }
    }

    /// <summary>The value as written: with the null-forgiving <c>!</c> and parentheses around it (the operation tree has no node for <c>!</c>).</summary>
    private static SyntaxNode Written(SyntaxNode value)
    {
        while (value.Parent is PostfixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression } or ParenthesizedExpressionSyntax)
        {
            value = value.Parent;
        }

        return value;
    }

    private static bool IsCredentialParameter(IArgumentOperation argument, IParameterSymbol parameter, WellKnownTypes types)
    {
        switch (argument.Parent)
        {
            case IObjectCreationOperation creation
                when WellKnownTypes.Is(creation.Type, types.ApiKeyCredential)
                    || WellKnownTypes.Is(creation.Type, types.AzureKeyCredential)
                    || WellKnownTypes.Is(creation.Type, types.AuthenticationHeaderValue):
                return true;
            case IInvocationOperation invocation when parameter.Ordinal == 1 && types.IsHeaderAdd(invocation.TargetMethod):
                string? header = ValueFlow.ConstantString(ValueFlow.ArgumentFor(invocation.Arguments, 0));
                return Endpoints.IsAuthorization(header) || Endpoints.IsKeyHeader(header);
        }

        return parameter.Type.SpecialType == SpecialType.System_String && string.Equals(parameter.Name, "apiKey", StringComparison.OrdinalIgnoreCase);
    }

    private static void Check(Action<Diagnostic> report, IOperation value, SyntaxNode written, WellKnownTypes types, LocalIndex index)
    {
        if (ValueFlow.SourceOf(value, types, index, composite: true) is not { } source)
        {
            return;
        }

        Location location = written.GetLocation();
        Location[] origin = [source.Origin.Syntax.GetLocation()];
        if (source.Kind == CredentialSourceKind.EnvironmentVariable)
        {
            // A name that is not a plausible variable name (a pasted key above all) is repeated nowhere.
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            if (source.Name is not null)
            {
                properties = properties.Add(DiagnosticProperties.Variable, source.Name);
            }

            if (source.NameLooksLikeKey)
            {
                properties = properties.Add(DiagnosticProperties.NameLooksLikeKey, "true");
            }

            if (types.ApiAuthOptions is not null)
            {
                properties = properties.Add(DiagnosticProperties.ApiAuthReferenced, "true");
            }

            string what = source.NameLooksLikeKey
                ? "An environment variable (the value passed to GetEnvironmentVariable looks like a key, not a variable name)"
                : source.Name is null ? "An environment variable" : "The environment variable " + source.Name;
            report(Diagnostic.Create(Descriptors.UncheckedEnvironmentVariable, location, origin, properties, what));
        }
        else
        {
            ImmutableDictionary<string, string?> properties = source.Nullable
                ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Nullable, "true")
                : ImmutableDictionary<string, string?>.Empty;
            report(Diagnostic.Create(Descriptors.UntrimmedKey, location, origin, properties, source.Name));
        }
    }
}
