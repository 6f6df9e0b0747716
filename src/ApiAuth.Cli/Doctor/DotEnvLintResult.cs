namespace ApiAuth.Cli.Doctor;

/// <summary>What <see cref="DotEnvLint"/> found in one file.</summary>
internal sealed class DotEnvLintResult
{
    public List<DotEnvProblem> Problems { get; } = [];

    /// <summary>Gets the lines that start with <c>export </c> (fine: loaders skip it, and it makes the file sourceable).</summary>
    public List<int> ExportLines { get; } = [];

    /// <summary>Gets, per variable, the lines defining it, in file order (the last one wins).</summary>
    public Dictionary<string, List<int>> Definitions { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets, per line, the variable and the value a shell would set from it by sourcing the file (<c>set -a; . ./.env</c>), when it would set one.</summary>
    public Dictionary<int, (string Name, string Value)> ShellValues { get; } = [];

    public bool SafeToSource => !Problems.Any(p => p.BlocksSourcing);

    public bool HasProblemOn(int line) => Problems.Any(p => p.Line == line && p.Code != "duplicate" && p.Status is CheckStatus.Fail or CheckStatus.Warn);
}
