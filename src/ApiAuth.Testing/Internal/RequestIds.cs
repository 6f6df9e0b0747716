using System.Security.Cryptography;

namespace ApiAuth.Testing.Internal;

/// <summary>Random identifiers in each provider's format.</summary>
internal static class RequestIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary><c>req_</c> and 32 lowercase hex digits (OpenAI's <c>x-request-id</c>).</summary>
    public static string OpenAI() => "req_" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary><c>req_011C</c> and 20 base-62 characters (Anthropic's <c>request-id</c>).</summary>
    public static string Anthropic() => "req_011C" + RandomNumberGenerator.GetString(Base62, 20);

    /// <summary>A GUID (Azure's <c>apim-request-id</c>).</summary>
    public static string Azure() => Guid.NewGuid().ToString("D");

    public static string Base62String(int length) => RandomNumberGenerator.GetString(Base62, length);

    public static string Hex(int length) => RandomNumberGenerator.GetHexString(length, lowercase: true);
}
