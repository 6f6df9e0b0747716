namespace ApiAuth.Testing;

/// <summary>
/// An authentication or authorization failure the emulator answers with the real provider's status, headers and body.
/// </summary>
/// <remarks>
/// A provider that does not distinguish a failure answers the one it does give for that situation
/// (OpenAI answers a revoked or expired key as an invalid one, for example). The package README
/// has the full table of what each provider answers.
/// </remarks>
public enum EmulatedFailure
{
    /// <summary>No credential where the provider reads it.</summary>
    MissingKey,

    /// <summary>A credential the provider does not know.</summary>
    InvalidKey,

    /// <summary>A credential that was revoked (deleted or rotated away).</summary>
    RevokedKey,

    /// <summary>A credential that has expired.</summary>
    ExpiredKey,

    /// <summary>An organization header naming an organization the key does not belong to (OpenAI).</summary>
    WrongOrganization,

    /// <summary>An organization header naming an organization that does not exist (OpenAI).</summary>
    UnknownOrganization,

    /// <summary>A project header naming a project the key does not belong to (OpenAI).</summary>
    WrongProject,

    /// <summary>A key (or principal) without the scope, permission or API restriction the operation needs.</summary>
    InsufficientScope,

    /// <summary>A key whose account or organization is deactivated, disabled or suspended.</summary>
    AccountDisabled,

    /// <summary>A key sent to a resource that only accepts Microsoft Entra tokens (Azure OpenAI).</summary>
    KeyAuthenticationDisabled,

    /// <summary>The <c>anthropic-version</c> header is missing (Anthropic).</summary>
    MissingVersionHeader,

    /// <summary>The credential came in a form the provider does not accept there, such as an API key sent as an OAuth bearer token (Gemini).</summary>
    WrongCredentialType,
}
