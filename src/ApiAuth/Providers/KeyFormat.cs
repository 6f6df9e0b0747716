namespace ApiAuth.Providers;

/// <summary>
/// A published key format: positive evidence of whose key a value is. Never used to reject a key
/// only because it matches no format.
/// </summary>
/// <param name="Vendor">The vendor id the format belongs to (a profile id, or another service such as <c>github</c>).</param>
/// <param name="VendorName">The vendor's name as users know it.</param>
/// <param name="Prefix">The literal prefix every key of the format starts with.</param>
/// <param name="Unmistakable">Whether the prefix alone proves the vendor (no other service issues keys starting with it).</param>
/// <param name="Source">Where the format is published (secret-scanner rule or provider docs).</param>
internal sealed record KeyFormat(string Vendor, string VendorName, string Prefix, bool Unmistakable, string Source);
