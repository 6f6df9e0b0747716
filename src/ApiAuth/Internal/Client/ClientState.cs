using Microsoft.Extensions.Options;

namespace ApiAuth.Internal;

/// <summary>
/// Everything ApiAuth keeps for one named client across the factory's handler rotations, one instance per client name (a
/// keyed singleton). It is split by what an options reload does to it:
/// <list type="bullet">
/// <item><see cref="Current"/> — the settings and what was learned under them (memo tables, host → profile): swapped whole on reload.</item>
/// <item><see cref="PreviousSettings"/> — the settings before the last reload, to recognise a rotated key on a 401 and retry once.</item>
/// <item><see cref="Style"/> — how the app's code sets <c>Authorization</c>: survives reloads (it describes code, not configuration).</item>
/// <item><see cref="Redirects"/> — whether ApiAuth follows redirects, set from the primary handler: survives reloads.</item>
/// <item><see cref="Warnings"/> — what was already logged: survives reloads (a repair is warned once per client).</item>
/// </list>
/// </summary>
internal sealed class ClientState
{
    private readonly object _gate = new();
    private volatile ClientSnapshot? _current;

    /// <summary>Gets the client's settings and what was learned under them; they follow <c>IOptionsMonitor</c> reloads.</summary>
    public ClientSnapshot Current => _current ?? throw new InvalidOperationException("ApiAuth: client settings were not initialized.");

    /// <summary>Gets the client's current settings (a rotated key applies to the next request).</summary>
    public HandlerSettings Settings => Current.Settings;

    /// <summary>Gets the settings in force before the last reload, to recognise a request sent with a key that has since been replaced.</summary>
    public HandlerSettings? PreviousSettings { get; private set; }

    /// <summary>Gets how the client's code sets <c>Authorization</c>.</summary>
    public HeaderStyleCache Style { get; } = new();

    /// <summary>Gets whether ApiAuth follows this client's redirects, and the limit.</summary>
    public RedirectSetup Redirects { get; } = new();

    /// <summary>Gets what this client already logged.</summary>
    public WarningMemory Warnings { get; } = new();

    /// <summary>Creates the settings on first use and subscribes to option changes for this client.</summary>
    /// <param name="monitor">The options monitor.</param>
    /// <param name="name">The client name.</param>
    /// <param name="create">Builds settings from options.</param>
    public void EnsureSettings(IOptionsMonitor<ApiAuthDiagnosticsOptions> monitor, string name, Func<ApiAuthDiagnosticsOptions, HandlerSettings> create)
    {
        if (_current is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_current is not null)
            {
                return;
            }

            _current = new ClientSnapshot(create(monitor.Get(name)), Style);

            // The monitor is a singleton that outlives the client state: the subscription lives as long as both.
            _ = monitor.OnChange((options, changed) =>
            {
                if (string.Equals(changed ?? Options.DefaultName, name, StringComparison.Ordinal))
                {
                    Replace(create(options));
                }
            });
        }
    }

    /// <summary>Swaps in a snapshot for the reloaded settings; what was learned under the old ones is dropped with them.</summary>
    private void Replace(HandlerSettings next)
    {
        lock (_gate)
        {
            PreviousSettings = _current?.Settings;
            _current = new ClientSnapshot(next, Style);
        }
    }
}
