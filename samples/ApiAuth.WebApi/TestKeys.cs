namespace ApiAuth.WebApi;

/// <summary>Keys are built from parts at run time: no full-length key sits in source control.</summary>
internal static class TestKeys
{
    public static string OpenAI(char fill, string last4) => "sk-" + "proj-" + new string(fill, 40) + last4;
}
