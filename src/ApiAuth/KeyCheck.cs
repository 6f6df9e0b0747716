namespace ApiAuth;

/// <summary>
/// What ApiAuth would do with a key before sending it: which repairs it would make, whose key it looks like,
/// and whether it would refuse it. Holds only the key hint, never the key.
/// </summary>
public sealed class KeyCheck
{
    internal KeyCheck(string keyHint, IReadOnlyList<string> repairs, string? vendor, string? vendorName, AuthFailure? failure)
    {
        KeyHint = keyHint;
        Repairs = repairs;
        Vendor = vendor;
        VendorName = vendorName;
        Failure = failure;
    }

    /// <summary>Gets the key hint (public prefix and last four characters at most).</summary>
    public string KeyHint { get; }

    /// <summary>Gets the repairs ApiAuth would make (whitespace, line breaks, invisible characters, quotes, a scheme in front), in words.</summary>
    public IReadOnlyList<string> Repairs { get; }

    /// <summary>Gets the id of the vendor whose published key format the key matches (<c>openai</c>, <c>anthropic</c>, <c>github</c> …), if any.</summary>
    public string? Vendor { get; }

    /// <summary>Gets the vendor's name as users know it, if the format is known.</summary>
    public string? VendorName { get; }

    /// <summary>Gets the failure ApiAuth would refuse the key with before sending, or <see langword="null"/> when it would send it.</summary>
    public AuthFailure? Failure { get; }

    /// <summary>Gets a value indicating whether ApiAuth would send the key (possibly after repairs).</summary>
    public bool WouldSend => Failure is null;
}
