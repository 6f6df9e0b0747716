using ApiAuth.Providers;
using Microsoft.CodeAnalysis;

namespace ApiAuth.Analyzers;

/// <summary>A key found in a type, kept until the type's end, when the providers whose URLs stand in it are known.</summary>
internal sealed class KeyLiteralFound
{
    /// <summary>Initializes a new instance of the <see cref="KeyLiteralFound"/> class.</summary>
    /// <param name="location">Where the constant is.</param>
    /// <param name="format">The format it matched.</param>
    /// <param name="scheme">The scheme written before the key, or <see langword="null"/>.</param>
    /// <param name="key">The key (trimmed, without the scheme); never written to a message or property.</param>
    /// <param name="member">The member it stands in.</param>
    public KeyLiteralFound(Location location, KeyFormat format, string? scheme, string key, ISymbol member)
    {
        Location = location;
        Format = format;
        Scheme = scheme;
        Key = key;
        Member = member;
    }

    /// <summary>Gets where the constant is.</summary>
    public Location Location { get; }

    /// <summary>Gets the format it matched.</summary>
    public KeyFormat Format { get; }

    /// <summary>Gets the scheme written before the key, or <see langword="null"/>.</summary>
    public string? Scheme { get; }

    /// <summary>Gets the key (trimmed, without the scheme).</summary>
    public string Key { get; }

    /// <summary>Gets the member it stands in.</summary>
    public ISymbol Member { get; }
}
