namespace ApiAuth.Testing.Internal;

/// <summary>A key the emulator knows, with its bindings.</summary>
internal sealed record EmulatedKey(
    string Value,
    EmulatedKeyState State,
    string? Organization,
    string? Project,
    IReadOnlyList<string>? Scopes)
{
    public bool HasScope(string scope) => Scopes is null || Scopes.Contains(scope, StringComparer.Ordinal);
}
