namespace ApiAuth.Testing.Internal;

/// <summary>Everything a provider needs to build a successful answer.</summary>
internal sealed record SuccessContext(
    IncomingRequest Request,
    EmulatorConfiguration Configuration,
    RouteMatch Route,
    EmulatedKey Key,
    RequestBody Body,
    DateTimeOffset Now)
{
    public string[] TextPieces()
    {
        var words = Configuration.CompletionText.Split(' ');
        var pieces = new string[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            pieces[i] = i < words.Length - 1 ? words[i] + " " : words[i];
        }

        return pieces;
    }

    public int CompletionTokens => Math.Max(1, Configuration.CompletionText.Split(' ').Length);

    public int PromptTokens => Math.Max(1, Body.PromptTokens);
}
