namespace ApiAuth.Cli.Doctor;

/// <summary>The process environment the doctor inspects; a seam so every check is unit-testable.</summary>
internal interface IDoctorEnvironment
{
    /// <summary>Gets whether the machine runs Windows (changes how "set this variable" is spelled).</summary>
    bool IsWindows { get; }

    /// <summary>Gets an environment variable's value as the process sees it, or <see langword="null"/> when it is not set.</summary>
    string? GetVariable(string name);

    /// <summary>Gets every environment variable (name and value), for the configuration keys .NET reads from them (<c>ApiAuth__ApiKey</c>).</summary>
    IReadOnlyList<KeyValuePair<string, string>> GetVariables();
}
