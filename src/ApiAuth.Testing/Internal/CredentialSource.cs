namespace ApiAuth.Testing.Internal;

/// <summary>Where a credential was found.</summary>
internal enum CredentialSource
{
    AuthorizationBearer,
    ApiKeyHeader,
    QueryParameter,
}
