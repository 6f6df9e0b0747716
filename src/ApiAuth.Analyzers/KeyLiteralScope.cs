using System.Collections.Concurrent;
using System.Collections.Immutable;
using ApiAuth.Providers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>The keys and provider hosts of one type, collected while its operations are analyzed.</summary>
internal sealed class KeyLiteralScope
{
    private readonly ConcurrentQueue<KeyLiteralFound> keys = new();
    private readonly ConcurrentQueue<(ISymbol Member, ProviderEndpoint Provider)> hosts = new();

    /// <summary>Collects a key (the outermost constant that is one) or a provider URL.</summary>
    /// <param name="context">The operation.</param>
    public void Collect(OperationAnalysisContext context)
    {
        IOperation operation = context.Operation;
        if (ConstantText(operation) is not { } value)
        {
            return;
        }

        if (value.Length >= KeyLiterals.MinLength && IsOutermostConstant(operation) && KeyLiteralAnalyzer.Match(value, out string? scheme, out string? key) is { } format
            && (operation is ILiteralOperation or IUtf8StringOperation || !HasKeyConstantPart(operation)))
        {
            keys.Enqueue(new KeyLiteralFound(operation.Syntax.GetLocation(), format, scheme, key!, context.ContainingSymbol));
            return;
        }

        // A constant URL of a known provider names whose key a shared-prefix key is (only literals: a URL split over a
        // concatenation is rare, and each URL is then seen once).
        if (operation is ILiteralOperation && Endpoints.HostOf(value) is { } host && Endpoints.ForHost(host) is { } provider)
        {
            hosts.Enqueue((context.ContainingSymbol, provider));
        }
    }

    /// <summary>Reports every key of the type, named after its vendor or the provider whose URL stands next to it.</summary>
    /// <param name="context">The type.</param>
    public void Report(SymbolAnalysisContext context)
    {
        (Dictionary<ISymbol, ProviderEndpoint?> ByMember, ProviderEndpoint? InType)? scope = null;
        foreach (KeyLiteralFound found in keys)
        {
            // A shared prefix (sk-) names no vendor: a longer vendor prefix the key starts with does (sk-ant-, sk-proj-),
            // then OpenAI's marker, then the one provider whose URL stands in the member or, failing that, the type.
            KeyFormat format = found.Format;
            ProviderEndpoint? provider = null;
            bool generic = false;
            if (KeyLiterals.IsShared(format))
            {
                if (KeyLiterals.PrefixOwner(found.Key) is { } owner)
                {
                    format = owner;
                }
                else if (!KeyLiterals.HasOpenAIMarker(found.Key))
                {
                    scope ??= ProvidersInScope();
                    provider = scope.Value.ByMember.TryGetValue(found.Member, out ProviderEndpoint? inMember) ? inMember : scope.Value.InType;
                    generic = provider is null;
                }
            }

            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            string phrase;
            if (provider is not null)
            {
                properties = properties.Add(DiagnosticProperties.Provider, provider.DisplayName);
                if (provider.KeyEnvironmentVariables.Length > 0)
                {
                    properties = properties.Add(DiagnosticProperties.Variable, provider.KeyEnvironmentVariables[0]);
                }

                phrase = KeyLiterals.WithArticle(provider.DisplayName);
            }
            else if (generic)
            {
                // Whose key it is is unknown: say so, and name no variable (no fix guesses one).
                phrase = "An API (" + format.Prefix + "…)";
            }
            else
            {
                properties = properties.Add(DiagnosticProperties.Provider, format.VendorName);
                if (KeyLiterals.EnvironmentVariableFor(format.Vendor) is { } variable)
                {
                    properties = properties.Add(DiagnosticProperties.Variable, variable);
                }

                phrase = KeyLiterals.WithArticle(format);
            }

            if (found.Scheme is not null)
            {
                properties = properties.Add(DiagnosticProperties.Scheme, found.Scheme);
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.KeyLiteral, found.Location, properties, phrase));
        }
    }

    /// <summary>
    /// The one provider whose URL stands in each member, and in the whole type (<see langword="null"/> where there are none
    /// or several), computed once per type when its first shared-prefix key is reported.
    /// </summary>
    private (Dictionary<ISymbol, ProviderEndpoint?> ByMember, ProviderEndpoint? InType) ProvidersInScope()
    {
        var byMember = new Dictionary<ISymbol, ProviderEndpoint?>(SymbolEqualityComparer.Default);
        ProviderEndpoint? inType = null;
        bool typeAmbiguous = false;
        foreach ((ISymbol member, ProviderEndpoint provider) in hosts)
        {
            byMember[member] = byMember.TryGetValue(member, out ProviderEndpoint? seen) && (seen is null || seen.Id != provider.Id) ? null : provider;
            typeAmbiguous |= inType is not null && inType.Id != provider.Id;
            inType = provider;
        }

        return (byMember, typeAmbiguous ? null : inType);
    }

    /// <summary>Gets the constant text of a string or UTF-8 string operation.</summary>
    private static string? ConstantText(IOperation operation) =>
        operation is IUtf8StringOperation utf8 ? utf8.Value : ValueFlow.ConstantString(operation);

    /// <summary>
    /// Gets a value indicating whether a part of a constant concatenation or interpolation is a named constant that is a
    /// key already (a const written elsewhere and reported there): <c>Key + ""</c> is not a second key. Literal parts are
    /// not reported on their own (they are not outermost), so the whole expression is.
    /// </summary>
    private static bool HasKeyConstantPart(IOperation composite)
    {
        foreach (IOperation part in composite.Descendants())
        {
            if (part is IFieldReferenceOperation or ILocalReferenceOperation
                && ValueFlow.ConstantString(part) is { } value
                && KeyLiteralAnalyzer.Match(value, out _) is not null)
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
