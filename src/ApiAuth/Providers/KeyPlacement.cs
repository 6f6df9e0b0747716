namespace ApiAuth.Providers;

/// <summary>A header a provider reads a credential from, and the scheme in front of it.</summary>
/// <param name="Header">The header name.</param>
/// <param name="Scheme">The scheme (<c>Bearer</c>), or <see langword="null"/> for a bare key.</param>
internal sealed record KeyPlacement(string Header, string? Scheme);
