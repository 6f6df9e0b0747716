namespace ApiAuth.Quickstart;

/// <summary>
/// Keys are built from parts at run time so no full-length key ever sits in source control
/// (secret scanners would flag it, and readers might mistake it for a real one).
/// </summary>
internal static class TestKeys
{
    public static string OpenAI(char fill, string last4) => "sk-" + "proj-" + new string(fill, 40) + last4;

    public static string Anthropic(char fill, string last4) => "sk-" + "ant-" + "api03-" + new string(fill, 80) + last4;
}
