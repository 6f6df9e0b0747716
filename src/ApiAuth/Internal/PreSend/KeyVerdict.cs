namespace ApiAuth.Internal;

/// <summary>Why a key cannot be sent: the cause and a secret-free detail for the remediation.</summary>
/// <param name="Cause">The cause.</param>
/// <param name="Detail">What was found, in words, never containing the key.</param>
internal sealed record KeyVerdict(AuthFailureCause Cause, string Detail);
