namespace ApiAuth.Internal;

/// <summary>The client names ApiAuth was added to in one service collection, so adding it twice adds one handler.</summary>
internal sealed class RegisteredClients
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public bool Add(string name)
    {
        lock (_names)
        {
            return _names.Add(name);
        }
    }

    /// <summary>Gets a value indicating whether ApiAuth was added to the client.</summary>
    /// <param name="name">The client name.</param>
    /// <returns><see langword="true"/> when it was.</returns>
    public bool Contains(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }
}
