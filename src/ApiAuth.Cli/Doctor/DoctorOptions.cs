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

    /// <summary>Gets the hosting environment whose configuration order the report follows (appsettings.{Environment}.json; user secrets only in Development).</summary>
    public string Environment { get; init; } = "Development";

    public bool Includes(ProviderSetup provider) => Providers.Count == 0 || Providers.Contains(provider.Id);

    /// <summary>Whether a check about <paramref name="providerId"/> belongs in the report (a check about no provider always does).</summary>
    public bool Includes(string? providerId) => providerId is null || Providers.Count == 0 || Providers.Contains(providerId);
}
