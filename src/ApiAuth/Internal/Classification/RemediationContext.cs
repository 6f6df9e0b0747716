namespace ApiAuth.Internal;

/// <summary>The facts a remediation template may name. None of them is a secret.</summary>
internal sealed class RemediationContext
{
    public string? Host { get; init; }

    public string? KeyHint { get; init; }

    public string? Organization { get; init; }

    public string? Project { get; init; }

    public string? RequestId { get; init; }

    public string? Detail { get; init; }

    public string? Header { get; init; }
}
