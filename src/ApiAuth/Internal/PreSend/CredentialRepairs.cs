namespace ApiAuth.Internal;

/// <summary>The repairs ApiAuth can make to a credential without guessing.</summary>
[Flags]
internal enum CredentialRepairs
{
    None = 0,
    TrimmedWhitespace = 1 << 0,
    RemovedLineBreak = 1 << 1,
    RemovedInvisibleCharacters = 1 << 2,
    RemovedQuotes = 1 << 3,
    AddedBearerScheme = 1 << 4,
    RemovedDuplicateBearer = 1 << 5,
    NormalizedBearerScheme = 1 << 6,
    MovedToProviderHeader = 1 << 7,
    TrimmedOrganization = 1 << 8,
    TrimmedProject = 1 << 9,
    AddedConfiguredKey = 1 << 10,
}
