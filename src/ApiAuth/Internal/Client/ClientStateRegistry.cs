using System.Collections.Concurrent;

namespace ApiAuth.Internal;

/// <summary>One <see cref="ClientState"/> per named client, shared by every handler instance the factory creates for it.</summary>
internal sealed class ClientStateRegistry
{
    private readonly ConcurrentDictionary<string, ClientState> _states = new(StringComparer.Ordinal);

    public ClientState Get(string clientName) => _states.GetOrAdd(clientName, static _ => new ClientState());
}
