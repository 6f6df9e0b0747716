namespace ApiAuth.Cli.Secrets;

/// <summary>A key-shaped secret found in text. Holds the hint for display and the value only for comparison, never for output.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="KeyHint">The key hint (public prefix and last four characters at most).</param>
/// <param name="Vendor">The vendor id of its format (<c>openai</c>, <c>gemini</c> …), or the variable's provider id; <see langword="null"/> when neither is known.</param>
/// <param name="VendorName">Whose format it is (<c>OpenAI</c>, <c>Anthropic</c>, <c>Google</c> …), or the variable's provider.</param>
/// <param name="Variable">The variable it was assigned to, when it was found as <c>NAME=value</c>.</param>
/// <param name="Value">The secret itself: compare it, never print it.</param>
internal sealed record SecretFinding(int Line, string KeyHint, string? Vendor, string VendorName, string? Variable, string Value)
{
    /// <summary>Returns a secret-free description (the value is never part of it).</summary>
    public override string ToString() => $"{VendorName} key {KeyHint} on line {Line}";
}
