using System.Net.Http.Headers;

namespace ApiAuth.Internal;

/// <summary>Reads headers without validation: no parsing, and no allocation for values stored raw.</summary>
internal static class HeaderReader
{
    /// <summary>Reads the first value of a header, and how many values it has.</summary>
    public static bool TryGetSingle(HttpHeaders headers, string? name, out string? value, out int count)
    {
        value = null;
        count = 0;
        if (name is null || !headers.NonValidated.TryGetValues(name, out HeaderStringValues values))
        {
            return false;
        }

        count = values.Count;
        foreach (string v in values)
        {
            value = v;
            break;
        }

        return value is not null;
    }

    /// <summary>Reads the first value of a header, or <see langword="null"/>.</summary>
    public static string? TryGetFirst(HttpHeaders headers, string name) =>
        TryGetSingle(headers, name, out string? value, out _) ? value : null;
}
