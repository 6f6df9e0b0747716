using ApiAuth.Cli.Doctor;
using ApiAuth.Testing;

namespace ApiAuth.Cli.Emulate;

/// <summary>What <c>apiauth emulate</c> serves.</summary>
internal sealed class EmulateSettings
{
    public string Provider { get; init; } = ProviderSetup.OpenAI.Id;

    public int Port { get; init; }

    public IReadOnlyList<string> Keys { get; init; } = [];

    public IReadOnlyList<string> RevokedKeys { get; init; } = [];

    public IReadOnlyList<string> ExpiredKeys { get; init; } = [];

    public IReadOnlyList<string> DisabledKeys { get; init; } = [];

    public string? Organization { get; init; }

    public string? Project { get; init; }

    /// <summary>Gets a failure to answer every request with, whatever it carries.</summary>
    public EmulatedFailure? Fail { get; init; }
}
