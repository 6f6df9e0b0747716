using Microsoft.CodeAnalysis;

namespace ApiAuth.Analyzers;

/// <summary>Where a credential's value comes from, as far as the analyzers can see.</summary>
/// <remarks>Initializes a new instance of the <see cref="CredentialSource"/> class.</remarks>
/// <param name="kind">The kind of source.</param>
/// <param name="origin">The operation a code fix rewrites: the read itself, or the local's initializer.</param>
/// <param name="name">The variable's name (environment; null when not a constant or not a plausible name) or the API's name (file, console, reader).</param>
/// <param name="nullable">Whether the source can return null.</param>
/// <param name="nameLooksLikeKey">Whether the constant passed as the variable's name looks like a key (then <paramref name="name"/> is null).</param>
internal sealed class CredentialSource(CredentialSourceKind kind, IOperation origin, string? name, bool nullable, bool nameLooksLikeKey = false)
{
    /// <summary>Gets the kind of source.</summary>
    public CredentialSourceKind Kind { get; } = kind;

    /// <summary>Gets the operation a code fix rewrites.</summary>
    public IOperation Origin { get; } = origin;

    /// <summary>Gets the variable's name (environment) or the API's name (file, console, reader); null when not constant.</summary>
    public string? Name { get; } = name;

    /// <summary>Gets a value indicating whether the source can return null.</summary>
    public bool Nullable { get; } = nullable;

    /// <summary>Gets a value indicating whether the value passed as the variable's name looks like a key; it is then named nowhere.</summary>
    public bool NameLooksLikeKey { get; } = nameLooksLikeKey;
}
