using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// The header names a client's requests carry besides the credential ApiAuth read: all known to carry no credential (or to be
/// the profile's own organization and project headers, which are checked where they are read). A request with exactly these
/// names and no more needs no carrier lookups: a handful of presence checks replace the catalog's.
/// </summary>
/// <param name="Profile">The profile the shape was learned for.</param>
/// <param name="Inspected">The credential header read first, or <see langword="null"/>.</param>
/// <param name="Names">The other header names, distinct.</param>
internal sealed record HeaderShape(ProviderProfile Profile, string? Inspected, string[] Names);
