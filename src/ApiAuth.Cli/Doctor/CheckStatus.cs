namespace ApiAuth.Cli.Doctor;

/// <summary>The outcome of one check, from best to worst. Only <see cref="Fail"/> makes the doctor exit with 1.</summary>
internal enum CheckStatus
{
    /// <summary>The check passed (✓).</summary>
    Pass,

    /// <summary>A fact worth knowing that needs no action (·).</summary>
    Info,

    /// <summary>Probably fine, possibly the cause (!). Does not fail the run.</summary>
    Warn,

    /// <summary>A problem that explains (or will cause) a 401 (✗).</summary>
    Fail,
}
