using Microsoft.CodeAnalysis;

namespace ApiAuth.Analyzers;

/// <summary>What a method does with a local: the value it was initialized with, and whether it is checked or assigned again anywhere.</summary>
/// <param name="Initializer">The initializer, or <see langword="null"/> when the local has none.</param>
/// <param name="NullChecked">Whether the method compares the local with null, or tests it with IsNullOr… / ThrowIfNull… / <c>??</c> (not <c>?? ""</c>, not <c>?.</c>).</param>
/// <param name="Reassigned">Whether the local is assigned again (=, compound, deconstruction, ref/out argument): its initializer is then not what it holds.</param>
internal readonly record struct LocalUse(IOperation? Initializer, bool NullChecked, bool Reassigned);
