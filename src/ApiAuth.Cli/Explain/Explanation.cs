namespace ApiAuth.Cli.Explain;

/// <summary>What <c>apiauth explain</c> made of a pasted error.</summary>
internal sealed class Explanation
{
    public required string Provider { get; init; }

    /// <summary>Gets how the provider was chosen: <c>option</c>, <c>host</c> (a URL in the text), <c>body</c> (the error's shape) or <c>default</c>.</summary>
    public required string ProviderSource { get; init; }

    public required int Status { get; init; }

    /// <summary>Gets how the status was found: <c>option</c>, <c>text</c>, or <c>assumed</c> (401).</summary>
    public required string StatusSource { get; init; }

    /// <summary>Gets whether a JSON error body was found in the text (Python dict reprs count).</summary>
    public required bool FoundBody { get; init; }

    public AuthFailure? Failure { get; init; }

    /// <summary>Gets the hints of full keys found in the pasted text itself.</summary>
    public IReadOnlyList<string> KeysInText { get; init; } = [];
}
