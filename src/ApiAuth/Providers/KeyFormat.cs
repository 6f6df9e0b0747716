namespace ApiAuth.Providers;

/// <summary>
/// A published key format: positive evidence of whose key a value is. Never used to reject a key
/// only because it matches no format (the lengths and alphabet describe keys; they do not judge them).
/// </summary>
/// <remarks>
/// Compiles under netstandard2.0 (no init accessors, no records): an analyzer project links this file and
/// <c>KeyFormats.Data.cs</c> to share the data.
/// </remarks>
internal sealed class KeyFormat
{
    /// <summary>Initializes a new instance of the <see cref="KeyFormat"/> class.</summary>
    /// <param name="vendor">The vendor id the format belongs to (a profile id, or another service such as <c>github</c>).</param>
    /// <param name="vendorName">The vendor's name as users know it.</param>
    /// <param name="prefix">The literal prefix every key of the format starts with.</param>
    /// <param name="unmistakable">Whether the prefix alone proves the vendor (no other service issues keys starting with it).</param>
    /// <param name="minLength">The shortest published key of the format, prefix included.</param>
    /// <param name="maxLength">The longest published key of the format, prefix included.</param>
    /// <param name="alphabet">Every character that may follow the prefix.</param>
    /// <param name="source">Where the format is published (secret-scanner rule or provider docs).</param>
    public KeyFormat(string vendor, string vendorName, string prefix, bool unmistakable, int minLength, int maxLength, string alphabet, string source)
    {
        Vendor = vendor;
        VendorName = vendorName;
        Prefix = prefix;
        Unmistakable = unmistakable;
        MinLength = minLength;
        MaxLength = maxLength;
        Alphabet = alphabet;
        Source = source;
    }

    /// <summary>Gets the vendor id the format belongs to.</summary>
    public string Vendor { get; }

    /// <summary>Gets the vendor's name as users know it.</summary>
    public string VendorName { get; }

    /// <summary>Gets the literal prefix every key of the format starts with.</summary>
    public string Prefix { get; }

    /// <summary>Gets a value indicating whether the prefix alone proves the vendor.</summary>
    public bool Unmistakable { get; }

    /// <summary>Gets the shortest published key of the format, prefix included.</summary>
    public int MinLength { get; }

    /// <summary>Gets the longest published key of the format, prefix included.</summary>
    public int MaxLength { get; }

    /// <summary>Gets every character that may follow the prefix.</summary>
    public string Alphabet { get; }

    /// <summary>Gets where the format is published.</summary>
    public string Source { get; }

    /// <summary>Returns the prefix and vendor, for test output.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Prefix + " (" + Vendor + ")";
}
