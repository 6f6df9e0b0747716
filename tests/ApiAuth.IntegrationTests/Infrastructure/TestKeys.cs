using System.Text;

namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>Keys built from parts at run time, so no full-length key sits in source control.</summary>
internal static class TestKeys
{
    public static string OpenAI(char fill, string last4) => "sk-" + "proj-" + new string(fill, 40) + last4;

    public static string Anthropic(char fill, string last4) => "sk-" + "ant-" + "api03-" + new string(fill, 80) + last4;

    /// <summary>An Azure OpenAI resource key: 32 hex digits (84 characters for newer resources).</summary>
    public static string Azure(char hexFill, string last4) => new string(hexFill, 28) + last4;

    /// <summary>An unsigned JWT shaped like an Entra ID access token for Azure OpenAI, expiring at <paramref name="expires"/>.</summary>
    public static string EntraToken(DateTimeOffset expires)
    {
        string header = Base64Url("""{"typ":"JWT","alg":"RS256","kid":"test"}""");
        string payload = Base64Url("{\"aud\":\"https://cognitiveservices.azure.com\",\"iss\":\"https://sts.windows.net/tenant/\",\"exp\":"
            + expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
        return header + "." + payload + "." + Base64Url("signature-not-checked-by-the-emulator");
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
