using System.Collections.Immutable;
using ApiAuth.Providers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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

    /// <summary>Extra spaces tolerated between the scheme and the key ("Bearer   key"); they are trimmed off the key.</summary>
    private const int MaxInnerWhiteSpace = 8;

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

        // Trim by index first: a long constant (a 1 MB literal with a trailing newline) is refused without being copied.
        int start = 0, end = value.Length;
        while (start < end && char.IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        if (end - start > KeyFormats.Unbounded + BearerPrefix.Length + MaxInnerWhiteSpace)
        {
            return null;
        }

        string trimmed = start == 0 && end == value.Length ? value : value.Substring(start, end - start);
        if (trimmed.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            scheme = trimmed.Substring(0, BearerPrefix.Length);
            trimmed = trimmed.Substring(BearerPrefix.Length).Trim();
        }

        KeyFormat? format = KeyLiterals.Match(trimmed);
        key = format is null ? null : trimmed;
        return format;
    }

}
