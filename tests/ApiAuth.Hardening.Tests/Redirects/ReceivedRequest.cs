namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>A request a <see cref="RedirectServers"/> port received: everything a credential could travel in.</summary>
public sealed record ReceivedRequest(int Port, string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, int BodyLength)
{
    /// <summary>Gets the first value of a header, or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Gets every place in the request where <paramref name="secret"/> appears (path, query, header name or value).</summary>
    public IEnumerable<string> Leaks(string secret)
    {
        if (Path.Contains(secret, StringComparison.Ordinal) || Uri.UnescapeDataString(Path).Contains(secret, StringComparison.Ordinal))
        {
            yield return "path";
        }

        if (Query.Contains(secret, StringComparison.Ordinal) || Uri.UnescapeDataString(Query).Contains(secret, StringComparison.Ordinal))
        {
            yield return "query";
        }

        foreach (KeyValuePair<string, string> header in Headers)
        {
            if (header.Value.Contains(secret, StringComparison.Ordinal) || header.Key.Contains(secret, StringComparison.Ordinal))
            {
                yield return "header " + header.Key;
            }
        }
    }
}
