namespace ApiAuth.Cli.Doctor;

/// <summary>A syntax problem on one line of a .env file.</summary>
/// <param name="Code">The id's last segment (<c>crlf</c>, <c>escape</c> …).</param>
/// <param name="Status">How bad it is.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Variable">The variable on that line, if any.</param>
/// <param name="Title">What is wrong.</param>
/// <param name="Remediation">The exact fix.</param>
/// <param name="BlocksSourcing">True when <c>set -a; . ./.env; set +a</c> would set a wrong value or fail on this line.</param>
/// <param name="Fix">The command that fixes every such line at once, when there is one (for the "fix it first" advice).</param>
internal sealed record DotEnvProblem(string Code, CheckStatus Status, int Line, string? Variable, string Title, string Remediation, bool BlocksSourcing, string? Fix = null);
