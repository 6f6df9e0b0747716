using System.Collections.Concurrent;
using System.Collections.Immutable;
using ApiAuth.Providers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH001: a string literal, UTF-8 literal, constant or interpolation/concatenation of constants that is a provider key
/// (a published format matched in full, once surrounding whitespace and a <c>Bearer </c> scheme are trimmed as the run-time
/// sanitizer trims them). Reported once, on the outermost constant expression.
/// </summary>
/// <remarks>
/// <para>Public because analyzer hosts discover analyzers by reflection over public types.</para>
/// <para>
/// Keys and provider URLs are collected in one pass per type (each operation is visited once, no walk of a method per
/// literal) and reported at the type's end, so a key whose prefix several vendors share (<c>sk-</c>) is named after the
/// provider whose constant URL stands in the same member (or, failing that, the same type).
/// </para>
/// </remarks>
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
        context.RegisterSymbolStartAction(
            static start =>
            {
                var scope = new KeyLiteralScope();
                start.RegisterOperationAction(scope.Collect, OperationKind.Literal, OperationKind.InterpolatedString, OperationKind.Binary, OperationKind.Utf8String);
                start.RegisterSymbolEndAction(scope.Report);
            },
            SymbolKind.NamedType);
    }

    /// <summary>Gets the key format of a constant, also behind a <c>Bearer </c> prefix and surrounding whitespace written in the same constant.</summary>
    /// <param name="value">The constant.</param>
    /// <param name="scheme">The prefix written before the key, or <see langword="null"/>.</param>
    /// <returns>The format, or <see langword="null"/>.</returns>
    internal static KeyFormat? Match(string value, out string? scheme) => Match(value, out scheme, out _);

    /// <summary>Gets the key format of a constant and the key itself (trimmed, without the scheme).</summary>
    /// <param name="value">The constant.</param>
    /// <param name="scheme">The prefix written before the key, or <see langword="null"/>.</param>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <returns>The format, or <see langword="null"/>.</returns>
    internal static KeyFormat? Match(string value, out string? scheme, out string? key)
    {
        scheme = null;
        key = null;
        if (value.Length < KeyLiterals.MinLength)
        {
            return null;
        }

        string trimmed = IsWhiteSpaceAtEitherEnd(value) ? value.Trim() : value;
        if (trimmed.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            scheme = trimmed.Substring(0, BearerPrefix.Length);
            trimmed = trimmed.Substring(BearerPrefix.Length).Trim();
        }

        KeyFormat? format = KeyLiterals.Match(trimmed);
        key = format is null ? null : trimmed;
        return format;
    }

    private static bool IsWhiteSpaceAtEitherEnd(string value) => char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[value.Length - 1]);

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

    /// <summary>The keys and provider hosts of one type, collected while its operations are analyzed.</summary>
    private sealed class KeyLiteralScope
    {
        private readonly ConcurrentQueue<Found> keys = new();
        private readonly ConcurrentQueue<(ISymbol Member, ProviderEndpoint Provider)> hosts = new();

        public void Collect(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            if (ConstantText(operation) is not { } value)
            {
                return;
            }

            if (value.Length >= KeyLiterals.MinLength && IsOutermostConstant(operation) && Match(value, out string? scheme, out string? key) is { } format
                && (operation is ILiteralOperation or IUtf8StringOperation || !HasKeyConstantPart(operation)))
            {
                keys.Enqueue(new Found(operation.Syntax.GetLocation(), format, scheme, key!, context.ContainingSymbol));
                return;
            }

            // A constant URL of a known provider names whose key a shared-prefix key is (only literals: a URL split over a
            // concatenation is rare, and each URL is then seen once).
            if (operation is ILiteralOperation && Endpoints.HostOf(value) is { } host && Endpoints.ForHost(host) is { } provider)
            {
                hosts.Enqueue((context.ContainingSymbol, provider));
            }
        }

        public void Report(SymbolAnalysisContext context)
        {
            foreach (Found found in keys)
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
                        provider = OnlyProvider(found.Member, sameMember: true) ?? OnlyProvider(found.Member, sameMember: false);
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

        /// <summary>The one provider whose URL stands in the member (or the type); none when there are none or several.</summary>
        private ProviderEndpoint? OnlyProvider(ISymbol member, bool sameMember)
        {
            ProviderEndpoint? only = null;
            foreach ((ISymbol where, ProviderEndpoint provider) in hosts)
            {
                if (sameMember && !SymbolEqualityComparer.Default.Equals(where, member))
                {
                    continue;
                }

                if (only is not null && only.Id != provider.Id)
                {
                    return null;
                }

                only = provider;
            }

            return only;
        }
    }

    private sealed class Found
    {
        public Found(Location location, KeyFormat format, string? scheme, string key, ISymbol member)
        {
            Location = location;
            Format = format;
            Scheme = scheme;
            Key = key;
            Member = member;
        }

        public Location Location { get; }

        public KeyFormat Format { get; }

        public string? Scheme { get; }

        public string Key { get; }

        public ISymbol Member { get; }
    }
}
