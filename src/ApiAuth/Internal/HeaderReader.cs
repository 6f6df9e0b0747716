using System.Net.Http.Headers;

namespace ApiAuth.Internal;

/// <summary>Reads response headers without validation.</summary>
internal static class HeaderReader
{
    public static string? TryGetFirst(HttpHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out HeaderStringValues values))
        {
            return null;
        }

        foreach (string value in values)
        {
            return value;
        }

        return null;
    }
}
