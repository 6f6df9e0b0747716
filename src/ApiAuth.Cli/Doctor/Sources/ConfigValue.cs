namespace ApiAuth.Cli.Doctor.Sources;

/// <summary>One configuration value a .NET app would see. Holds the value for checking and comparing only, never for output.</summary>
/// <param name="Kind">The source.</param>
/// <param name="Key">The configuration key, ':'-separated (<c>ApiAuth:ApiKey</c>, <c>OPENAI_API_KEY</c>).</param>
/// <param name="Value">The value.</param>
/// <param name="File">The file, for display (relative to the repository root, or ~/…), or <see langword="null"/> for the environment.</param>
/// <param name="Line">The 1-based line in the file.</param>
/// <param name="Origin">A short name of the origin for the precedence line ("appsettings.json:4", "environment ApiAuth__ApiKey", "launch profile 'Web'").</param>
internal sealed record ConfigValue(ConfigSourceKind Kind, string Key, string Value, string? File, int? Line, string Origin)
{
    /// <summary>Returns a secret-free description.</summary>
    public override string ToString() => $"{Key} from {Origin}";
}
