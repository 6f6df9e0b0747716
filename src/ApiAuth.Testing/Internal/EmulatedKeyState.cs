namespace ApiAuth.Testing.Internal;

/// <summary>What the provider knows about a registered key.</summary>
internal enum EmulatedKeyState
{
    Active,
    Revoked,
    Expired,
    AccountDisabled,
}
