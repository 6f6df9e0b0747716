using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ApiAuth.Internal;

/// <summary>
/// Tells <see cref="IOptionsMonitor{TOptions}"/> when the application's configuration reloads, so a client's options
/// (and a rotated <see cref="ApiAuthDiagnosticsOptions.ApiKey"/>) are rebuilt without a restart. Without an
/// <see cref="IConfiguration"/> in the container there is nothing to watch.
/// </summary>
internal sealed class ConfigurationReloadTokenSource : IOptionsChangeTokenSource<ApiAuthDiagnosticsOptions>
{
    private readonly IConfiguration? _configuration;

    public ConfigurationReloadTokenSource(string name, IConfiguration? configuration)
    {
        Name = name;
        _configuration = configuration;
    }

    public string Name { get; }

    public IChangeToken GetChangeToken() => _configuration?.GetReloadToken() ?? new CancellationChangeToken(CancellationToken.None);
}
