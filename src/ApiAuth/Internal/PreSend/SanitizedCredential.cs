namespace ApiAuth.Internal;

/// <summary>The outcome of <see cref="CredentialSanitizer.Sanitize"/>.</summary>
/// <param name="Key">The key alone (no scheme), repaired.</param>
/// <param name="HeaderValue">The header value to send.</param>
/// <param name="Repairs">What was repaired.</param>
/// <param name="SchemeProblem">Set when the header uses a scheme the provider does not read; the key cannot be sent as is.</param>
internal sealed record SanitizedCredential(string Key, string HeaderValue, CredentialRepairs Repairs, string? SchemeProblem)
{
    /// <summary>Gets a value indicating whether the header uses another scheme the provider also accepts (Basic), left untouched.</summary>
    public bool IsOtherScheme { get; init; }
}
