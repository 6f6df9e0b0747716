using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>
/// What one operation block (a method, a top-level program, an initializer) does with each of its locals, collected in
/// one walk over the block so that following a local costs a lookup (the cost of analyzing a method stays linear in its size).
/// </summary>
internal sealed class LocalIndex
{
    private readonly Dictionary<ILocalSymbol, LocalUse> _uses = new(SymbolEqualityComparer.Default);

    private LocalIndex()
    {
    }

    /// <summary>Walks the blocks once.</summary>
    /// <param name="roots">The block's operation roots.</param>
    /// <returns>The index.</returns>
    public static LocalIndex Build(ImmutableArray<IOperation> roots)
    {
        var index = new LocalIndex();
        foreach (IOperation root in roots)
        {
            foreach (IOperation operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        index.Update(declarator.Symbol, static (u, d) => u with { Initializer = d.Initializer?.Value }, declarator);
                        break;
                    case ILocalReferenceOperation reference:
                        index.Record(reference);
                        break;
                }
            }
        }

        return index;
    }

    /// <summary>Gets what the block does with a local.</summary>
    /// <param name="local">The local.</param>
    /// <returns>Its uses (no initializer when the block does not declare it).</returns>
    public LocalUse For(ILocalSymbol local) => _uses.TryGetValue(local, out LocalUse use) ? use : default;

    private void Record(ILocalReferenceOperation reference)
    {
        if (IsWritten(reference))
        {
            Update(reference.Local, static (u, _) => u with { Reassigned = true }, reference);
        }
        else if (IsNullCheck(reference))
        {
            Update(reference.Local, static (u, _) => u with { NullChecked = true }, reference);
        }
    }

    private void Update<T>(ILocalSymbol local, Func<LocalUse, T, LocalUse> change, T argument)
    {
        _uses.TryGetValue(local, out LocalUse use);
        _uses[local] = change(use, argument);
    }

    /// <summary>Assigned (also compound, <c>??=</c>, as a deconstruction target) or passed by ref/out.</summary>
    private static bool IsWritten(ILocalReferenceOperation reference)
    {
        switch (reference.Parent)
        {
            case IAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                return true;
        }

        // (k, n) = (…): the target is a tuple (possibly nested) under the deconstruction.
        IOperation child = reference;
        IOperation? parent = reference.Parent;
        while (parent is ITupleOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent is IDeconstructionAssignmentOperation deconstruction && !ReferenceEquals(child, reference) && ReferenceEquals(deconstruction.Target, child);
    }

    /// <summary>A comparison with null, a type or pattern test, <c>??</c> with a fallback that is not empty, or IsNullOr… / ThrowIfNull… (also through an <c>object</c> conversion).</summary>
    private static bool IsNullCheck(ILocalReferenceOperation reference)
    {
        IOperation child = reference;
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IBinaryOperation binary => IsNullLiteral(binary.LeftOperand) || IsNullLiteral(binary.RightOperand),
            IIsPatternOperation or IIsTypeOperation => true,
            ICoalesceOperation coalesce => ReferenceEquals(coalesce.Value, child) && !ValueFlow.IsEmptyString(coalesce.WhenNull),
            IArgumentOperation { Parent: IInvocationOperation check } =>
                check.TargetMethod.Name.StartsWith("IsNullOr", StringComparison.Ordinal) || check.TargetMethod.Name.StartsWith("ThrowIfNull", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static bool IsNullLiteral(IOperation operation) =>
        operation.ConstantValue.HasValue && operation.ConstantValue.Value is null;
}
