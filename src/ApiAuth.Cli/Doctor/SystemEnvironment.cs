namespace ApiAuth.Cli.Doctor;

/// <summary>The real process environment.</summary>
internal sealed class SystemEnvironment : IDoctorEnvironment
{
    public static SystemEnvironment Instance { get; } = new();

    public bool IsWindows => OperatingSystem.IsWindows();

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public IReadOnlyList<KeyValuePair<string, string>> GetVariables() =>
        [.. Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string && e.Value is string)
            .Select(e => new KeyValuePair<string, string>((string)e.Key, (string)e.Value!))];
}
