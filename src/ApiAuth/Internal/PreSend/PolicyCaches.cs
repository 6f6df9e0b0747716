namespace ApiAuth.Internal;

/// <summary>
/// The memo tables the credential policy may use for one client. They never change an answer (each entry is keyed by what
/// it was computed from); they make the usual request — the same key, the same headers — cost a few comparisons. The offline
/// API passes none.
/// </summary>
/// <param name="Style">How the client's code sets <c>Authorization</c> (survives reloads).</param>
/// <param name="Credentials">The last validated, repaired and expiry-read values (per settings snapshot).</param>
/// <param name="Shapes">The learned header shape (per settings snapshot).</param>
internal sealed record PolicyCaches(HeaderStyleCache Style, CredentialCache Credentials, HeaderShapeCache Shapes);
