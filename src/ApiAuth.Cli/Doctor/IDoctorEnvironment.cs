namespace ApiAuth.Cli.Doctor;

/// <summary>The process environment the doctor inspects; a seam so every check is unit-testable.</summary>
internal interface IDoctorEnvironment
{
    /// <summary>Gets whether the machine runs Windows (changes how "set this variable" is spelled).</summary>
    bool IsWindows { get; }

    /// <summary>Gets an environment variable's value as the process sees it, or <see langword="null"/> when it is not set.</summary>
    string? GetVariable(string name);
}
