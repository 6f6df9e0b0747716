using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>
/// The little data flow the analyzers need: through conversions, and through one local assigned once from its
/// initializer (never reassigned). Checks anywhere in the method count as checks: the analyzers report only what they
/// can see is unchecked.
/// </summary>
internal static class ValueFlow
{
    /// <summary>Gets the operation under implicit and explicit conversions and parentheses.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The operand.</returns>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>Gets the operation's constant string, or <see langword="null"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The constant.</returns>
    public static string? ConstantString(IOperation? operation) =>
        operation is not null && operation.ConstantValue.HasValue ? operation.ConstantValue.Value as string : null;

    /// <summary>Gets the root of the operation tree the operation belongs to (the method body, or the field initializer).</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The root.</returns>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>Follows a local to its initializer, if it has one and is never assigned again.</summary>
    /// <param name="reference">The reference to the local.</param>
    /// <returns>What the method does with the local.</returns>
    public static LocalUse Follow(ILocalReferenceOperation reference)
    {
        ILocalSymbol local = reference.Local;
        IOperation? initializer = null;
        bool nullChecked = false, trimmed = false;
        foreach (IOperation operation in Root(reference).Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                initializer = declarator.Initializer?.Value;
                continue;
            }

            if (operation is not ILocalReferenceOperation other || ReferenceEquals(other, reference) || !SymbolEqualityComparer.Default.Equals(other.Local, local))
            {
                continue;
            }

            switch (other.Parent)
            {
                case IAssignmentOperation assignment when ReferenceEquals(assignment.Target, other):
                case IDeconstructionAssignmentOperation:
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                    return default;
                case IBinaryOperation binary when IsNullLiteral(binary.LeftOperand) || IsNullLiteral(binary.RightOperand):
                case IIsPatternOperation:
                case IIsTypeOperation:
                case ICoalesceOperation:
                case IConditionalAccessOperation:
                    nullChecked = true;
                    trimmed |= other.Parent is IConditionalAccessOperation { WhenNotNull: IInvocationOperation whenNotNull } && IsTrim(whenNotNull.TargetMethod);
                    break;
                case IArgumentOperation { Parent: IInvocationOperation check } when check.TargetMethod.Name.StartsWith("IsNullOr", StringComparison.Ordinal) || check.TargetMethod.Name.StartsWith("ThrowIfNull", StringComparison.Ordinal):
                    nullChecked = true;
                    break;
                case IInvocationOperation call when ReferenceEquals(call.Instance, other) && IsTrim(call.TargetMethod):
                    trimmed = true;
                    break;
            }
        }

        return initializer is null ? default : new LocalUse(initializer, nullChecked, trimmed);
    }

    /// <summary>Finds where a credential's value comes from: an environment variable, or a read that keeps its newline.</summary>
    /// <param name="value">The value that reaches the credential.</param>
    /// <param name="types">The well-known types.</param>
    /// <returns>The source, or <see langword="null"/> when it is none of those or is checked (trimmed) on the way.</returns>
    public static CredentialSource? SourceOf(IOperation value, WellKnownTypes types) => SourceOf(value, types, followLocal: true);

    /// <summary>Gets a value indicating whether a method is <c>string.Trim</c>, <c>TrimEnd</c> or <c>TrimStart</c>.</summary>
    /// <param name="method">The method.</param>
    /// <returns><see langword="true"/> for a trim.</returns>
    public static bool IsTrim(IMethodSymbol method) =>
        method.ContainingType?.SpecialType == SpecialType.System_String && method.Name.StartsWith("Trim", StringComparison.Ordinal);

    private static CredentialSource? SourceOf(IOperation value, WellKnownTypes types, bool followLocal)
    {
        IOperation v = Unwrap(value);
        switch (v)
        {
            case IInvocationOperation invocation:
                return ReadOf(invocation, v, types);
            case IAwaitOperation { Operation: var awaited } when Unwrap(awaited) is IInvocationOperation asyncRead:
                return AsyncReadOf(asyncRead, v, types);
            case IArrayElementReferenceOperation element when IsReadAllLines(Unwrap(element.ArrayReference), types):
                return new CredentialSource(CredentialSourceKind.UntrimmedRead, v, "File.ReadAllLines", nullable: false);
            case ILocalReferenceOperation local when followLocal:
                LocalUse use = Follow(local);
                if (use.Initializer is null)
                {
                    return null;
                }

                CredentialSource? source = SourceOf(use.Initializer, types, followLocal: false);
                return source is null
                    || (source.Kind == CredentialSourceKind.EnvironmentVariable && use.NullChecked)
                    || (source.Kind == CredentialSourceKind.UntrimmedRead && use.Trimmed)
                    ? null
                    : source;
            default:
                return null;
        }
    }

    private static CredentialSource? ReadOf(IInvocationOperation invocation, IOperation origin, WellKnownTypes types)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        if (WellKnownTypes.Is(type, types.Environment) && method.Name == "GetEnvironmentVariable" && invocation.Arguments.Length > 0)
        {
            return new CredentialSource(CredentialSourceKind.EnvironmentVariable, origin, ConstantString(invocation.Arguments[0].Value), nullable: true);
        }

        if (WellKnownTypes.Is(type, types.File) && method.Name == "ReadAllText")
        {
            return new CredentialSource(CredentialSourceKind.UntrimmedRead, origin, "File.ReadAllText", nullable: false);
        }

        if (WellKnownTypes.Is(type, types.Console) && method.Name == "ReadLine")
        {
            return new CredentialSource(CredentialSourceKind.UntrimmedRead, origin, "Console.ReadLine", nullable: true);
        }

        if (WellKnownTypes.Is(type, types.TextReader) && (method.Name == "ReadToEnd" || method.Name == "ReadLine"))
        {
            return new CredentialSource(CredentialSourceKind.UntrimmedRead, origin, type!.Name + "." + method.Name, nullable: method.Name == "ReadLine");
        }

        // File.ReadAllLines(path).First() and friends.
        if (WellKnownTypes.Is(type, types.Enumerable)
            && method.Name is "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault" or "ElementAt"
            && invocation.Arguments.Length > 0
            && IsReadAllLines(Unwrap(invocation.Arguments[0].Value), types))
        {
            return new CredentialSource(CredentialSourceKind.UntrimmedRead, origin, "File.ReadAllLines", nullable: method.Name.EndsWith("OrDefault", StringComparison.Ordinal));
        }

        return null;
    }

    private static CredentialSource? AsyncReadOf(IInvocationOperation invocation, IOperation origin, WellKnownTypes types)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        if (WellKnownTypes.Is(type, types.File) && method.Name == "ReadAllTextAsync")
        {
            return new CredentialSource(CredentialSourceKind.UntrimmedRead, origin, "File.ReadAllTextAsync", nullable: false);
        }

        if (WellKnownTypes.Is(type, types.TextReader) && (method.Name == "ReadToEndAsync" || method.Name == "ReadLineAsync"))
        {
            return new CredentialSource(CredentialSourceKind.UntrimmedRead, origin, type!.Name + "." + method.Name, nullable: method.Name == "ReadLineAsync");
        }

        return null;
    }

    private static bool IsReadAllLines(IOperation operation, WellKnownTypes types)
    {
        if (operation is IAwaitOperation awaited)
        {
            operation = Unwrap(awaited.Operation);
        }

        return operation is IInvocationOperation invocation
            && WellKnownTypes.Is(invocation.TargetMethod.ContainingType, types.File)
            && invocation.TargetMethod.Name is "ReadAllLines" or "ReadLines" or "ReadAllLinesAsync";
    }

    private static bool IsNullLiteral(IOperation operation) =>
        operation.ConstantValue.HasValue && operation.ConstantValue.Value is null;
}
