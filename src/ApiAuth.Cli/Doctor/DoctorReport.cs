namespace ApiAuth.Cli.Doctor;

/// <summary>The doctor's findings for one directory.</summary>
internal sealed class DoctorReport
{
    public DoctorReport(string directory, string? repositoryRoot, bool probed, IReadOnlyList<CheckResult> checks)
    {
        Directory = directory;
        RepositoryRoot = repositoryRoot;
        Probed = probed;
        Checks = checks;
    }

    public string Directory { get; }

    public string? RepositoryRoot { get; }

    public bool Probed { get; }

    public IReadOnlyList<CheckResult> Checks { get; }

    public int Count(CheckStatus status) => Checks.Count(c => c.Status == status);

    public bool Failed => Checks.Any(c => c.Status == CheckStatus.Fail);

    /// <summary>Gets the process exit code: 0 when no check failed (warnings do not fail the run), 1 otherwise.</summary>
    public int ExitCode => Failed ? ExitCodes.CheckFailed : ExitCodes.Success;
}
