namespace ApiAuth.Cli.Doctor;

/// <summary>The real process environment.</summary>
internal sealed class SystemEnvironment : IDoctorEnvironment
{
    public static SystemEnvironment Instance { get; } = new();

    public bool IsWindows => OperatingSystem.IsWindows();

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);
}
