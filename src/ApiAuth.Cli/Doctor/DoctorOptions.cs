namespace ApiAuth.Cli.Doctor;

/// <summary>What the doctor runs.</summary>
internal sealed class DoctorOptions
{
    /// <summary>The default for <see cref="Timeout"/>: 10 seconds per probe.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Gets the provider ids to check; empty means all.</summary>
    public IReadOnlySet<string> Providers { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets a value indicating whether to make one authenticated call per configured provider.</summary>
    public bool Probe { get; init; }

    /// <summary>Gets the time each probe may take.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Gets a value indicating whether to scan the files git tracks for committed keys.</summary>
    public bool ScanSecrets { get; init; } = true;

    public bool Includes(ProviderSetup provider) => Providers.Count == 0 || Providers.Contains(provider.Id);
}
