using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// The header names a client's requests carry besides the credential ApiAuth read: those known to carry no credential (with the
/// profile's own organization and project headers, which are checked where they are read), and the carriers among them, in
/// catalog order. A request with exactly these names and no more is checked with a presence lookup per name and a value check
/// per carrier, instead of a lookup per catalog entry.
/// </summary>
/// <param name="Profile">The profile the shape was learned for.</param>
/// <param name="Inspected">The credential header read first, or <see langword="null"/>.</param>
/// <param name="Names">The other header names that carry nothing to check, distinct.</param>
/// <param name="Carriers">The carrier headers present, in catalog order (key headers first), whose values are checked each time.</param>
/// <param name="KeyCarriers">How many of <paramref name="Carriers"/>, from the start, carry a key (the rest carry an account id).</param>
internal sealed record HeaderShape(ProviderProfile Profile, string? Inspected, string[] Names, string[] Carriers, int KeyCarriers);
