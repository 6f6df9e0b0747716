using System.Buffers;

namespace ApiAuth.Internal;

/// <summary>
/// The one definition of the characters a key is made of: ASCII letters and digits and <c>- _ ~ + / =</c> (base64,
/// base64url and the vendors' separators). The three readers that need the set take it from here and differ only by
/// what they add to it, each for a stated reason.
/// </summary>
internal static class KeyCharacters
{
    /// <summary>Letters, digits and the punctuation keys use inside a run; a period is not among them (it ends a sentence).</summary>
    private const string Run = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~+/=";

    private static readonly SearchValues<char> RunChars = SearchValues.Create(Run);

    /// <summary>
    /// Gets printable ASCII without space: what an organization or project id consists of, and what a key must stay within.
    /// A <see cref="SearchValues{T}"/>, not <c>ContainsAnyExceptInRange</c>, which allocates on .NET 10.
    /// </summary>
    public static SearchValues<char> PrintableAscii { get; } = SearchValues.Create("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// Gets the characters of a plain key as the validator reads it: a run plus the period (JSON Web Tokens, Gemini's
    /// <c>AQ.</c> keys). A long key of only these skips the placeholder and character checks.
    /// </summary>
    public static SearchValues<char> Plain { get; } = SearchValues.Create(Run + ".");

    /// <summary>
    /// Gets the characters of a header value with nothing to repair, as the sanitizer's allocation-free check reads it:
    /// a plain key plus the colon (<c>user:secret</c> pairs and <c>id:key</c> tokens need no repair either).
    /// </summary>
    public static SearchValues<char> Clean { get; } = SearchValues.Create(Run + ".:");

    /// <summary>
    /// Gets a value indicating whether a character belongs to a key-shaped run in a text (what the redactor widens over and
    /// judges by shape). A period ends the run, so "key." keeps its period.
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> for a key character.</returns>
    public static bool InRun(char c) => RunChars.Contains(c);
}
