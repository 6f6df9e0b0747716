namespace ApiAuth.Internal;

/// <summary>Where a header value holds a CR, LF or NUL (see <see cref="CredentialLocator.FindLineBreak"/>).</summary>
internal enum LineBreakPlace
{
    /// <summary>None: the value can be written as one header line.</summary>
    None,

    /// <summary>Only before or after the value (a key read from a file with its trailing newline): trimmed as a repair.</summary>
    Edge,

    /// <summary>Inside the value, or a NUL anywhere: writing it would inject a header line; refused.</summary>
    Inside,
}
