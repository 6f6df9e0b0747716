namespace ApiAuth.Cli.Doctor;

/// <summary>
/// One line of the doctor's report. Holds facts about credentials (variable names, key hints, file and line),
/// never a credential.
/// </summary>
/// <param name="Id">A stable dotted id (<c>key.openai.format</c>); the JSON schema documents them.</param>
/// <param name="Category">The section (<see cref="CheckCategory"/>).</param>
/// <param name="Status">The outcome.</param>
/// <param name="Title">One line a developer reads first.</param>
internal sealed record CheckResult(string Id, string Category, CheckStatus Status, string Title)
{
    /// <summary>Gets the provider id (<c>openai</c>, <c>azure-openai</c>, <c>anthropic</c>, <c>gemini</c> …) the check is about, if any.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets more detail, when the title is not enough.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets what to do, for warnings and failures.</summary>
    public string? Remediation { get; init; }

    /// <summary>Gets the environment variable the check is about, if any.</summary>
    public string? Variable { get; init; }

    /// <summary>Gets the key hint (public prefix and last four characters at most).</summary>
    public string? KeyHint { get; init; }

    /// <summary>Gets the file the check is about, relative to the repository root when there is one.</summary>
    public string? File { get; init; }

    /// <summary>Gets the 1-based line in <see cref="File"/>.</summary>
    public int? Line { get; init; }

    /// <summary>Gets the ApiAuth <see cref="AuthFailureCause"/> name, when the check diagnosed one.</summary>
    public string? Cause { get; init; }

    /// <summary>Gets the HTTP status a probe received.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Gets the provider's request id from a probe, to quote to its support.</summary>
    public string? RequestId { get; init; }
}
