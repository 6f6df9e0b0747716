using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>
/// The little data flow the analyzers need: through conversions, <c>??</c>, <c>?.</c>, conditionals, concatenations and
/// locals assigned once from their initializer (never reassigned), looked up in the block's <see cref="LocalIndex"/>.
/// Null checks anywhere in the method count as checks; a Trim counts only where its result is what is sent.
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

    /// <summary>Gets the value passed for a parameter (named arguments may stand in any order).</summary>
    /// <param name="arguments">The call's arguments.</param>
    /// <param name="ordinal">The parameter's position.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public static IOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>Gets a value indicating whether the operation is the constant <c>""</c> (<c>string.Empty</c> included).</summary>
    /// <param name="operation">The operation.</param>
    /// <returns><see langword="true"/> for an empty string.</returns>
    public static bool IsEmptyString(IOperation? operation) =>
        operation is not null
        && (ConstantString(Unwrap(operation)) is { Length: 0 }
            || (Unwrap(operation) is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } }));

    /// <summary>Finds where a credential's value comes from: an environment variable, or a read that keeps its newline.</summary>
    /// <param name="value">The value that reaches the credential.</param>
    /// <param name="types">The well-known types.</param>
    /// <param name="index">The locals of the block the value is in.</param>
    /// <param name="composite">Whether to look into concatenations and interpolations (<c>"Bearer " + read</c>).</param>
    /// <returns>The source, or <see langword="null"/> when it is none of those or is checked (trimmed) on the way.</returns>
    public static CredentialSource? SourceOf(IOperation value, WellKnownTypes types, LocalIndex index, bool composite) =>
        SourceOf(value, types, index, composite, depth: 0);

    /// <summary>Gets a value indicating whether a method is <c>string.Trim</c>, <c>TrimEnd</c> or <c>TrimStart</c>.</summary>
    /// <param name="method">The method.</param>
    /// <returns><see langword="true"/> for a trim.</returns>
    public static bool IsTrim(IMethodSymbol method) =>
        method.ContainingType?.SpecialType == SpecialType.System_String && method.Name.StartsWith("Trim", StringComparison.Ordinal);

    private static CredentialSource? SourceOf(IOperation? value, WellKnownTypes types, LocalIndex index, bool composite, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return null;
        }

        IOperation v = Unwrap(value);
        switch (v)
        {
            case IInvocationOperation invocation:
                return ReadOf(invocation, v, types);
            case IAwaitOperation { Operation: var awaited } when WithoutConfigureAwait(Unwrap(awaited)) is IInvocationOperation asyncRead:
                return AsyncReadOf(asyncRead, v, types);
            case IArrayElementReferenceOperation element when IsReadAllLines(Unwrap(element.ArrayReference), types):
                return new CredentialSource(CredentialSourceKind.UntrimmedRead, v, "File.ReadAllLines", nullable: false);
            case ICoalesceOperation coalesce:
                // A null check is not a trim; and '?? ""' sends an empty key where the variable is unset.
                CredentialSource? checkedSource = SourceOf(coalesce.Value, types, index, composite, depth + 1);
                return checkedSource is null
                    || (checkedSource.Kind == CredentialSourceKind.EnvironmentVariable && !IsEmptyString(coalesce.WhenNull))
                    ? null
                    : checkedSource;
            case IConditionalAccessOperation access:
                // Env(..)?.Trim() is still null when unset; read?.Trim() is trimmed.
                CredentialSource? accessed = SourceOf(access.Operation, types, index, composite, depth + 1);
                return accessed?.Kind == CredentialSourceKind.EnvironmentVariable ? accessed : null;
            case IConditionalOperation conditional:
                return SourceOf(conditional.WhenTrue, types, index, composite, depth + 1)
                    ?? SourceOf(conditional.WhenFalse, types, index, composite, depth + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation when composite:
                return SourceOf(concatenation.LeftOperand, types, index, composite, depth + 1)
                    ?? SourceOf(concatenation.RightOperand, types, index, composite, depth + 1);
            case IInterpolatedStringOperation interpolated when composite:
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && SourceOf(hole.Expression, types, index, composite, depth + 1) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case ILocalReferenceOperation local:
                LocalUse use = index.For(local.Local);
                if (use.Initializer is null || use.Reassigned)
                {
                    return null;
                }

                CredentialSource? source = SourceOf(use.Initializer, types, index, composite, depth + 1);
                return source is null || (source.Kind == CredentialSourceKind.EnvironmentVariable && use.NullChecked) ? null : source;
            default:
                return null;
        }
    }

    /// <summary>How deep the search looks (locals, operands): deep enough for code people write, bounded for generated code.</summary>
    private const int MaxDepth = 8;

    /// <summary>Gets <c>task</c> from <c>task.ConfigureAwait(…)</c>.</summary>
    private static IOperation WithoutConfigureAwait(IOperation awaited) =>
        awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? Unwrap(task) : awaited;

    private static CredentialSource? ReadOf(IInvocationOperation invocation, IOperation origin, WellKnownTypes types)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        if (WellKnownTypes.Is(type, types.Environment) && method.Name == "GetEnvironmentVariable" && invocation.Arguments.Length > 0)
        {
            string? name = ConstantString(ArgumentFor(invocation.Arguments, 0));
            if (name is not null && !VariableNames.IsPlausible(name))
            {
                // Never repeat it: a key pasted where the variable's name belongs is a secret.
                return new CredentialSource(CredentialSourceKind.EnvironmentVariable, origin, null, nullable: true, nameLooksLikeKey: VariableNames.LooksLikeKey(name));
            }

            return new CredentialSource(CredentialSourceKind.EnvironmentVariable, origin, name, nullable: true);
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
}
