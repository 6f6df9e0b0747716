namespace ApiAuth.Cli;

/// <summary>The tool's exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>No check failed (warnings allowed); <c>explain</c> diagnosed the text.</summary>
    public const int Success = 0;

    /// <summary>At least one check failed; <c>explain</c> found no authentication failure in the text.</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line was wrong (unknown option, missing input).</summary>
    public const int UsageError = 2;
}
