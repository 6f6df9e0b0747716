using System.Text;
using ApiAuth.Hardening.Tests.Infrastructure;

namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>
/// A way a request carries a credential: a header the caller sets (<see cref="Header"/>), or the key ApiAuth adds from
/// <see cref="ApiAuthDiagnosticsOptions.ApiKey"/> for <see cref="Provider"/>. <see cref="Make"/> returns the header value and
/// the secrets whose presence anywhere in a request is a leak.
/// </summary>
public sealed record CredentialCarrier(string Name, string? Header, string? Provider, Func<Random, (string Value, string[] Secrets)> Make)
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    /// <summary>Gets a value indicating whether ApiAuth supplies the key (from options) rather than the caller.</summary>
    public bool FromOptions => Header is null;

    /// <summary>Gets every carrier: each header that carries a credential somewhere, and keys ApiAuth supplies from options.</summary>
    public static IReadOnlyList<CredentialCarrier> All { get; } =
    [
        new("Authorization Bearer", "Authorization", null, r => Plain("Bearer ", OpenAIKey(r))),
        new("Authorization Basic", "Authorization", null, r => Basic(r)),
        new("x-api-key", "x-api-key", null, r => Plain(string.Empty, "sk-" + "ant-" + "api03-" + Keys.Random(r, Alnum, 93) + "AA")),
        new("api-key", "api-key", null, r => Plain(string.Empty, Keys.Random(r, Hex, 32))),
        new("x-goog-api-key", "x-goog-api-key", null, r => Plain(string.Empty, "AI" + "za" + Keys.Random(r, Alnum, 35))),
        new("Ocp-Apim-Subscription-Key", "Ocp-Apim-Subscription-Key", null, r => Plain(string.Empty, Keys.Random(r, Hex, 32))),
        new("apikey", "apikey", null, r => Plain(string.Empty, Keys.Random(r, Alnum, 40))),
        new("X-Auth-Token", "X-Auth-Token", null, r => Plain(string.Empty, Keys.Random(r, Alnum, 40))),
        new("Cookie", "Cookie", null, r => Plain("session=", Keys.Random(r, Alnum, 40))),
        new("Proxy-Authorization", "Proxy-Authorization", null, r => Basic(r)),
        new("ApiKey option (openai-compatible)", null, "openai-compatible", r => Plain(string.Empty, OpenAIKey(r))),
        new("ApiKey option (anthropic)", null, "anthropic", r => Plain(string.Empty, "sk-" + "ant-" + "api03-" + Keys.Random(r, Alnum, 93) + "AA")),
        new("ApiKey option (azure-openai)", null, "azure-openai", r => Plain(string.Empty, Keys.Random(r, Hex, 32))),
    ];

    public override string ToString() => Name;

    private static string OpenAIKey(Random r) => "sk-" + "proj-" + Keys.Random(r, Alnum, 64);

    private static (string, string[]) Plain(string prefix, string key) => (prefix + key, [key, key[^12..]]);

    private static (string, string[]) Basic(Random r)
    {
        string password = Keys.Random(r, Alnum, 40);
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + password));
        return ("Basic " + encoded, [encoded, password, password[^12..]]);
    }
}
