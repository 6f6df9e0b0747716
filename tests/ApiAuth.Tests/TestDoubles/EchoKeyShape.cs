namespace ApiAuth.Tests.TestDoubles;

/// <summary>A key shape for the echo tests: the key, what its hint may show, and where and how it is sent.</summary>
/// <param name="Name">The shape's name, shown in test names.</param>
/// <param name="Key">The key (built at run time).</param>
/// <param name="PublicPrefix">What its hint may show before the ellipsis.</param>
/// <param name="Provider">The provider id configured.</param>
/// <param name="BaseAddress">Where the client sends.</param>
/// <param name="Header">The header carrying the key (<c>Authorization</c> as a bearer token).</param>
public sealed record EchoKeyShape(string Name, string Key, string PublicPrefix, string Provider, string BaseAddress, string Header)
{
    public static IReadOnlyList<EchoKeyShape> All { get; } =
    [
        new("OpenAI sk-proj", TestKeys.OpenAIProject(311), "sk-proj-", "openai", "https://api.openai.com/v1/", "Authorization"),
        new("Anthropic sk-ant-api03", TestKeys.Anthropic(313), "sk-ant-api03-", "anthropic", "https://api.anthropic.com/v1/", "x-api-key"),
        new("Gemini AIza", TestKeys.Google(317), "AIza", "gemini", "https://generativelanguage.googleapis.com/v1beta/", "x-goog-api-key"),
        new("id:secret with punctuation", "acct" + TestKeys.Body(3, 331) + ":" + TestKeys.Body(5, 337) + "." + TestKeys.Body(4, 347) + "!" + TestKeys.Body(5, 349) + ":" + TestKeys.Body(6, 353) + "~" + TestKeys.Body(5, 359), string.Empty, "generic", "https://gateway.example/v1/", "Authorization"),
        new("5-character key", "Q" + TestKeys.Body(4, 367), string.Empty, "generic", "https://gateway.example/v1/", "Authorization"),
        new("$-prefixed key", "$" + TestKeys.Body(40, 373), string.Empty, "generic", "https://gateway.example/v1/", "Authorization"),
    ];

    public override string ToString() => Name;

    public static EchoKeyShape Named(string name) => All.Single(s => s.Name == name);

    public void Place(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation(Header, Header == "Authorization" ? "Bearer " + Key : Key);
    }
}
