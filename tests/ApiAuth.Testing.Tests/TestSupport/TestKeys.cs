namespace ApiAuth.Testing.Tests.TestSupport;

/// <summary>
/// Keys of the real shapes, built at run time from parts so no full-length key literal is ever committed.
/// </summary>
internal static class TestKeys
{
    public static string OpenAI(char fill, string lastFour) => "sk-proj-" + new string(fill, 40) + lastFour;

    public static string Anthropic(char fill) => "sk-ant-" + "api03-" + new string(fill, 86) + "AA";

    public static string Gemini(char fill) => "AI" + "za" + new string(fill, 35);

    public static string Azure(char fill) => new(fill, 32);
}
