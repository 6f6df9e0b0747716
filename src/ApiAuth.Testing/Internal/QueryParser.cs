namespace ApiAuth.Testing.Internal;

/// <summary>Parses a raw query string the same way for both transports.</summary>
internal static class QueryParser
{
    public static IReadOnlyDictionary<string, string> Parse(string queryString)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var span = queryString.AsSpan();
        if (span.StartsWith("?", StringComparison.Ordinal))
        {
            span = span[1..];
        }

        foreach (var part in span.ToString().Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : Decode(part[(equals + 1)..]);
            result.TryAdd(name, value);
        }

        return result;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
