using System.Collections.Immutable;
using ApiAuth.Providers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH001: a string literal, constant or interpolation/concatenation of constants that is a provider key (a published
/// format matched in full). Reported once, on the outermost constant expression.
/// </summary>
/// <remarks>Public because analyzer hosts discover analyzers by reflection over public types.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyLiteralAnalyzer : DiagnosticAnalyzer
{
    private const string BearerPrefix = "Bearer ";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.KeyLiteral);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(Analyze, OperationKind.Literal, OperationKind.InterpolatedString, OperationKind.Binary);
    }

    /// <summary>Gets the key format of a constant, also behind a <c>Bearer </c> prefix written in the same constant.</summary>
    /// <param name="value">The constant.</param>
    /// <param name="scheme">The prefix written before the key, or <see langword="null"/>.</param>
    /// <returns>The format, or <see langword="null"/>.</returns>
    internal static KeyFormat? Match(string value, out string? scheme)
    {
        scheme = null;
        if (value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            scheme = value.Substring(0, BearerPrefix.Length);
            return KeyLiterals.Match(value.Substring(BearerPrefix.Length));
        }

        return KeyLiterals.Match(value);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        IOperation operation = context.Operation;
        if (ValueFlow.ConstantString(operation) is not { } value || value.Length < KeyLiterals.MinLength || !IsOutermostConstant(operation))
        {
            return;
        }

        KeyFormat? format = Match(value, out string? scheme);
        if (format is null || (operation is not ILiteralOperation && HasKeyPart(operation)))
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticProperties.Provider, format.VendorName);
        if (KeyLiterals.EnvironmentVariableFor(format.Vendor) is { } variable)
        {
            properties = properties.Add(DiagnosticProperties.Variable, variable);
        }

        if (scheme is not null)
        {
            properties = properties.Add(DiagnosticProperties.Scheme, scheme);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.KeyLiteral, operation.Syntax.GetLocation(), properties, KeyLiterals.WithArticle(format)));
    }

    /// <summary>
    /// Gets a value indicating whether a part of a constant concatenation or interpolation is a key already (a const
    /// written elsewhere and reported there): <c>Key + ""</c> is not a second key.
    /// </summary>
    private static bool HasKeyPart(IOperation composite)
    {
        foreach (IOperation part in composite.Descendants())
        {
            if (part is ILiteralOperation or IFieldReferenceOperation or ILocalReferenceOperation
                && ValueFlow.ConstantString(part) is { } value
                && Match(value, out _) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A constant is reported where no enclosing string concatenation or interpolation is itself constant.</summary>
    private static bool IsOutermostConstant(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IInterpolatedStringTextOperation:
                case IInterpolationOperation:
                case IConversionOperation { IsImplicit: true }:
                case IParenthesizedOperation:
                    continue;
                case IBinaryOperation or IInterpolatedStringOperation:
                    return !(parent.ConstantValue.HasValue && parent.ConstantValue.Value is string);
                default:
                    return true;
            }
        }

        return true;
    }
}
