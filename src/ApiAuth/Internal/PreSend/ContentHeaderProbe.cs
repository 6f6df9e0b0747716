using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace ApiAuth.Internal;

/// <summary>
/// Reads a request content's headers only when they exist. <see cref="HttpContent.Headers"/> creates the collection on first
/// read: looking for a credential there made ApiAuth allocate it on every request whose content never had a header (a
/// <see cref="ByteArrayContent"/> before anything asked its length), and a content without headers carries no credential.
/// </summary>
internal static class ContentHeaderProbe
{
    /// <summary>Set when this runtime's <see cref="HttpContent"/> has no such field: then <see cref="HttpContent.Headers"/> is read, as before.</summary>
    private static volatile bool s_fieldMissing;

    /// <summary>Gets the content's headers when they were created, or <see langword="null"/> when there are none; never creates them.</summary>
    /// <param name="content">The content.</param>
    /// <returns>The headers, or <see langword="null"/>.</returns>
    public static HttpContentHeaders? Existing(HttpContent content)
    {
        if (!s_fieldMissing)
        {
            try
            {
                return HeadersField(content);
            }
            catch (MissingFieldException)
            {
                s_fieldMissing = true;
            }
        }

        return content.Headers;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_headers")]
    private static extern ref HttpContentHeaders? HeadersField(HttpContent content);
}
