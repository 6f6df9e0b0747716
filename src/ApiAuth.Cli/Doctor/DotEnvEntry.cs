namespace ApiAuth.Cli.Doctor;

/// <summary>One <c>NAME=value</c> line of a .env file.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value after dotenv unquoting (what a loader would put in the environment).</param>
/// <param name="Line">The 1-based line number.</param>
internal sealed record DotEnvEntry(string Name, string Value, int Line);
