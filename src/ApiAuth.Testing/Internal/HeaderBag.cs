namespace ApiAuth.Testing.Internal;

/// <summary>Builds the case-insensitive header dictionary both transports use.</summary>
internal static class HeaderBag
{
    public static Dictionary<string, string> Create() => new(StringComparer.OrdinalIgnoreCase);

    public static void Add(Dictionary<string, string> headers, string name, IEnumerable<string> values)
    {
        var joined = string.Join(", ", values);
        headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + joined : joined;
    }
}
