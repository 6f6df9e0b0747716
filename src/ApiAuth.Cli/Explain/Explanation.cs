using ApiAuth.Internal;

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

    /// <summary>Gets the last four characters of the key as the server's masked echo shows them (<c>sk-proj-****abcd</c>), if it does.</summary>
    public string? KeyEnding { get; init; }

    /// <summary>Gets the server's own message when the text is not an authentication failure (keys in it masked).</summary>
    public string? ServerMessage { get; init; }

    /// <summary>Gets the server's error code or type when the text is not an authentication failure.</summary>
    public string? ServerCode { get; init; }

    /// <summary>Gets what kind of error a non-authentication status is ("rate limit or quota", "not found" …).</summary>
    public string? NonAuthKind => Failure is not null ? null : Status switch
    {
        429 => "a rate limit or quota error: the key was accepted",
        404 => "a not-found error (a wrong model, deployment or path): the key was accepted",
        400 or 422 => "an error in the request itself",
        402 => "a billing error: the key was accepted",
        >= 500 => "a server error at the provider",
        401 or 403 => "an authentication status with a body that does not say why",
        _ => "not an authentication error",
    };

    /// <summary>Says "the key ending abcd" where the library could only say "the key you sent", when the server's echo shows the last 4.</summary>
    public string Personalize(string text) =>
        KeyEnding is { } ending ? text.Replace(ErrorClassifier.UnknownKeyText, $"the key ending {ending}", StringComparison.Ordinal) : text;

    /// <summary>Gets the hints of full keys found in the pasted text itself.</summary>
    public IReadOnlyList<string> KeysInText { get; init; } = [];
}
