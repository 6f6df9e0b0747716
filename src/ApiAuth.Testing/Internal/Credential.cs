namespace ApiAuth.Testing.Internal;

/// <summary>A credential found on a request, and where.</summary>
internal sealed record Credential(string Value, CredentialSource Source);
