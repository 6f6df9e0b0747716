using Microsoft.CodeAnalysis;

namespace ApiAuth.Analyzers;

/// <summary>What a method does with a local: the value it was initialized with, and whether it is checked or trimmed anywhere.</summary>
/// <param name="Initializer">The initializer, or <see langword="null"/> when the local has none or is assigned again.</param>
/// <param name="NullChecked">Whether the method compares the local with null, or tests it with IsNullOr… / ThrowIfNull… / <c>??</c>.</param>
/// <param name="Trimmed">Whether the method calls Trim, TrimEnd or TrimStart on the local.</param>
internal readonly record struct LocalUse(IOperation? Initializer, bool NullChecked, bool Trimmed);
