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
}
