using ApiAuth.IntegrationTests.Infrastructure;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>The value of each <see cref="RefusedKey"/> for each provider, built at run time, and the cause ApiAuth gives it.</summary>
internal static class RefusedKeys
{
    public static (string Key, AuthFailureCause Cause) OpenAI(RefusedKey kind) => kind switch
    {
        RefusedKey.Placeholder => ("sk-" + "your-key-here", AuthFailureCause.PlaceholderKey),
        _ => (WithInnerSpace(TestKeys.OpenAI('a', "Good")), AuthFailureCause.MalformedKey),
    };

    public static (string Key, AuthFailureCause Cause) Anthropic(RefusedKey kind) => kind switch
    {
        RefusedKey.Placeholder => ("sk-" + "ant-" + "your-key-here", AuthFailureCause.PlaceholderKey),
        _ => (WithInnerSpace(TestKeys.Anthropic('a', "Good")), AuthFailureCause.MalformedKey),
    };

    public static (string Key, AuthFailureCause Cause) Azure(RefusedKey kind) => kind switch
    {
        RefusedKey.Placeholder => ("your-" + "azure-openai-key", AuthFailureCause.PlaceholderKey),
        _ => (WithInnerSpace(TestKeys.Azure('a', "b0c1")), AuthFailureCause.MalformedKey),
    };

    private static string WithInnerSpace(string key) => key[..(key.Length / 2)] + " " + key[(key.Length / 2)..];
}
