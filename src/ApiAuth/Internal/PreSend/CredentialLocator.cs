using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Answers "does this request carry a credential, and where" for every rule that asks it — the pre-send checks, the
/// plain-http rule, <c>AllowedHosts</c>, the key hint and redaction — from one catalog (<see cref="CredentialCarriers"/>)
/// that knows every carrier on every host, not only the current profile's: <c>Authorization</c> of any scheme (a
/// <c>Basic</c> password is decoded), every provider's key header, the gateway headers, and the key-carrying query parameters.
/// </summary>
/// <remarks>
/// Lookups go through <see cref="HttpHeaders.NonValidated"/> by name: no parsing, no allocation for raw values, and no
/// enumeration of headers on the success path (enumerating formats typed values anew, which allocates; the pre-send
/// inspector enumerates once to learn a client's usual header names, see <see cref="HeaderShape"/>). The query is read only
/// when no header carries a credential and the URI has one.
/// </remarks>
internal sealed class CredentialLocator
{
    private static readonly ConditionalWeakTable<ProviderRegistry, CredentialLocator> ByRegistry = [];

    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n\0");

    private readonly HashSet<string> _carriers;

    private CredentialLocator(ProviderRegistry registry)
    {
        KeyHeaders = CredentialCarriers.KeyHeaders(registry);
        IdHeaders = CredentialCarriers.IdHeaders(registry);
        OtherHeaders = CredentialCarriers.CrossOriginOnly;
        _carriers = new HashSet<string>(KeyHeaders.Concat(IdHeaders).Concat(OtherHeaders), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the locator for the built-in profiles.</summary>
    public static CredentialLocator Default { get; } = For(ProviderRegistry.Default);

    /// <summary>Gets every header that carries a key on some host, in lookup order.</summary>
    public string[] KeyHeaders { get; }

    /// <summary>Gets the organization and project headers of every profile.</summary>
    public string[] IdHeaders { get; }

    /// <summary>Gets <c>Cookie</c> and <c>Proxy-Authorization</c>: no key, but no line break inside them reaches the wire either.</summary>
    public string[] OtherHeaders { get; }

    /// <summary>Gets the locator for a registry's profiles (built once per registry).</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The locator.</returns>
    public static CredentialLocator For(ProviderRegistry registry) => ByRegistry.GetValue(registry, static r => new CredentialLocator(r));

    /// <summary>Gets a carrier's place in the catalog (key headers first, then id headers, then the others), for a stable lookup order.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The index, or <see cref="int.MaxValue"/> for a header that is no carrier.</returns>
    public int CatalogIndex(string name)
    {
        int key = Array.FindIndex(KeyHeaders, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        if (key >= 0)
        {
            return key;
        }

        int id = Array.FindIndex(IdHeaders, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        if (id >= 0)
        {
            return KeyHeaders.Length + id;
        }

        int other = Array.FindIndex(OtherHeaders, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return other >= 0 ? KeyHeaders.Length + IdHeaders.Length + other : int.MaxValue;
    }

    /// <summary>Gets a value indicating whether a header carries a key or an account id on some host.</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> for a carrier.</returns>
    public bool IsCarrier(string name) => _carriers.Contains(name);

    /// <summary>
    /// Gets a value indicating whether a request's content headers may carry a credential: .NET writes them on the wire like
    /// the request's own headers. The usual content (none, or only <c>Content-Type</c> and <c>Content-Length</c>, as
    /// <c>StringContent</c> and <c>JsonContent</c> have) is told apart by the count and at most two lookups, allocation-free.
    /// </summary>
    /// <param name="content">The request content, or <see langword="null"/>.</param>
    /// <param name="headers">The content headers, when they must be looked at.</param>
    /// <returns><see langword="true"/> when other content headers are present, so that carriers must be looked up by name.</returns>
    /// <remarks>
    /// Content whose headers were never created has none to look at, and they are not created here (<see cref="ContentHeaderProbe"/>).
    /// </remarks>
    public static bool MayCarry(HttpContent? content, out HttpHeadersNonValidated headers)
    {
        if (content is null || ContentHeaderProbe.Existing(content) is not { } existing)
        {
            headers = default;
            return false;
        }

        headers = existing.NonValidated;
        return headers.Count switch
        {
            0 => false,
            1 => !headers.Contains("Content-Type") && !headers.Contains("Content-Length"),
            2 => !headers.Contains("Content-Type") || !headers.Contains("Content-Length"),
            _ => true,
        };
    }

    /// <summary>
    /// Finds the first credential the request carries in a header other than <paramref name="skip"/>, then in a content
    /// header, then in the query.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="skip">A header already read, or <see langword="null"/>.</param>
    /// <param name="sent">Filled with the credential found.</param>
    /// <returns><see langword="true"/> when one was found.</returns>
    public bool TryFind(HttpRequestMessage request, string? skip, ref SentCredential sent)
    {
        HttpHeadersNonValidated headers = request.Headers.NonValidated;
        foreach (string name in KeyHeaders)
        {
            if (skip is not null && string.Equals(name, skip, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (headers.TryGetValues(name, out HeaderStringValues values) && First(values) is { Length: > 0 } value)
            {
                Fill(ref sent, name, value);
                return true;
            }
        }

        if (MayCarry(request.Content, out HttpHeadersNonValidated content))
        {
            foreach (string name in KeyHeaders)
            {
                if (content.TryGetValues(name, out HeaderStringValues values) && First(values) is { Length: > 0 } value)
                {
                    Fill(ref sent, name, value);
                    return true;
                }
            }
        }

        return TryFindInQuery(request.RequestUri, ref sent);
    }

    /// <summary>Header names that end like a key header and never carry one.</summary>
    private static readonly string[] NotKeyHeaders = ["Idempotency-Key", "X-Idempotency-Key", "Sec-WebSocket-Key", "Cache-Key", "X-Cache-Key", "X-Request-Key"];

    /// <summary>
    /// On the failure path only, when no carrier of the catalog held a credential: a request header whose name says it holds
    /// one (<c>xi-api-key</c>, <c>x-apikey</c>, <c>hibp-api-key</c>, <c>key</c>, <c>X-Service-Token</c>), for services no
    /// profile describes. What is found gives the key hint and is redacted from the server's words; no rule before sending
    /// depends on it.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="sent">Filled with the credential found.</param>
    /// <returns><see langword="true"/> when one was found.</returns>
    public static bool TryFindByHeaderName(HttpRequestMessage request, ref SentCredential sent)
    {
        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            string name = header.Key;
            if (!NamesACredential(name))
            {
                continue;
            }

            if (First(header.Value) is { Length: > 0 } value)
            {
                Fill(ref sent, name, value);
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets a value indicating whether a header's name says it holds a credential.</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> for <c>key</c>, <c>token</c>, and names that mention api, auth, access or secret and end in key, token or secret.</returns>
    internal static bool NamesACredential(string name)
    {
        foreach (string not in NotKeyHeaders)
        {
            if (string.Equals(name, not, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        // "key" or "token" alone, or a name that says API/auth/access/secret and ends like a credential: xi-api-key, x-apikey,
        // hibp-api-key, X-Access-Token, X-Auth-Secret. Not X-Event-Key, X-Routing-Key, Lock-Token or X-CSRF-Token (red team).
        if (name.Equals("key", StringComparison.OrdinalIgnoreCase) || name.Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        bool credentialEnding = name.EndsWith("key", StringComparison.OrdinalIgnoreCase) || name.EndsWith("token", StringComparison.OrdinalIgnoreCase) || name.EndsWith("secret", StringComparison.OrdinalIgnoreCase);
        return credentialEnding
            && (name.Contains("api", StringComparison.OrdinalIgnoreCase) || name.Contains("auth", StringComparison.OrdinalIgnoreCase)
                || name.Contains("access", StringComparison.OrdinalIgnoreCase) || name.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Gets a value indicating whether any credential the request carries — every value of every carrier header (a
    /// <c>Basic</c> password decoded) and every key-carrying query parameter — is in a cloud provider's format
    /// (<see cref="EndpointRules.IsCloudKey"/>). Allocation-free for raw header values and a URI without a query.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> when one key is a cloud provider's.</returns>
    public bool AnyCloudKey(HttpRequestMessage request)
    {
        if (AnyCloudKey(request.Headers.NonValidated) || MayCarry(request.Content, out HttpHeadersNonValidated content) && AnyCloudKey(content))
        {
            return true;
        }

        if (request.RequestUri is not { IsAbsoluteUri: true } uri || !uri.OriginalString.Contains('?', StringComparison.Ordinal) || uri.Query.Length < 2)
        {
            return false;
        }

        foreach (string pair in uri.Query[1..].Split('&'))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && CredentialCarriers.IsCredentialQueryParameter(Uri.UnescapeDataString(pair[..eq]))
                && EndpointRules.IsCloudKey(Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '))))
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyCloudKey(HttpHeadersNonValidated headers)
    {
        foreach (string name in KeyHeaders)
        {
            if (!headers.TryGetValues(name, out HeaderStringValues values))
            {
                continue;
            }

            foreach (string value in values)
            {
                ReadOnlySpan<char> trimmed = value.AsSpan().Trim();
                int offset = KeyOffset(name, trimmed);
                ReadOnlySpan<char> key = trimmed[offset..];
                if (EndpointRules.IsCloudKey(key)
                    || (offset == 6 && trimmed.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && EndpointRules.IsCloudKey(DecodeBasic(key))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Finds a credential in a key-carrying query parameter (<c>key</c>, <c>api_key</c>, <c>access_token</c> …).</summary>
    /// <param name="uri">The request URI.</param>
    /// <param name="sent">Filled with the credential found.</param>
    /// <returns><see langword="true"/> when one was found.</returns>
    public static bool TryFindInQuery(Uri? uri, ref SentCredential sent)
    {
        if (uri is not { IsAbsoluteUri: true } || !uri.OriginalString.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        string query = uri.Query;
        if (query.Length < 2)
        {
            return false;
        }

        ReadOnlySpan<char> rest = query.AsSpan(1);
        while (!rest.IsEmpty)
        {
            int amp = rest.IndexOf('&');
            ReadOnlySpan<char> pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? default : rest[(amp + 1)..];
            int eq = pair.IndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                continue;
            }

            string name = Uri.UnescapeDataString(pair[..eq].ToString());
            if (CredentialCarriers.IsCredentialQueryParameter(name))
            {
                sent.HeaderValue = Uri.UnescapeDataString(pair[(eq + 1)..].ToString().Replace('+', ' '));
                sent.KeyOffset = 0;
                sent.Carrier = "?" + name;
                return true;
            }
        }

        return false;
    }

    /// <summary>Records a credential found in a header: where the key starts after a scheme word, and the carrier.</summary>
    /// <param name="sent">The credential to fill.</param>
    /// <param name="header">The header name.</param>
    /// <param name="value">Its value.</param>
    public static void Fill(ref SentCredential sent, string header, string value)
    {
        sent.HeaderValue = value;
        sent.KeyOffset = KeyOffset(header, value);
        sent.Carrier = header;
    }

    /// <summary>
    /// Gets where the key starts in a carrier's value: after the scheme word in an Authorization-style header
    /// (<c>Bearer</c>, <c>Basic</c>, <c>Token</c> …), after a <c>Bearer</c> in any other header, else at 0.
    /// </summary>
    /// <param name="header">The header name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The offset of the key.</returns>
    public static int KeyOffset(string header, ReadOnlySpan<char> value)
    {
        int space = value.IndexOf(' ');
        if (space <= 0 || space > 24 || space == value.Length - 1)
        {
            return 0;
        }

        ReadOnlySpan<char> word = value[..space];
        bool scheme = CredentialCarriers.IsSchemeHeader(header)
            ? IsSchemeWord(word)
            : word.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
        if (!scheme)
        {
            return 0;
        }

        int start = space;
        while (start < value.Length && value[start] == ' ')
        {
            start++;
        }

        return start;
    }

    /// <summary>Decodes a <c>Basic</c> credential: the password (the key, for services that take it there), or the user name when the password is empty.</summary>
    /// <param name="base64">The base64 text after <c>Basic </c>.</param>
    /// <returns>The secret, or <see langword="null"/> when the text is not base64 of <c>user:password</c>.</returns>
    public static string? DecodeBasic(ReadOnlySpan<char> base64)
    {
        base64 = base64.Trim();
        if (base64.IsEmpty || base64.Length > 8192)
        {
            return null;
        }

        byte[] bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (!Convert.TryFromBase64Chars(base64, bytes, out int written))
        {
            return null;
        }

        string text = Encoding.UTF8.GetString(bytes, 0, written);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return text.Length > 0 ? text : null;
        }

        string password = text[(colon + 1)..];
        return password.Length > 0 ? password : (colon > 0 ? text[..colon] : null);
    }

    /// <summary>
    /// Finds a CR, LF or NUL in a header value. A line break before or after the value is repairable by trimming; one inside
    /// the value, or a NUL anywhere, would put a second line on the wire.
    /// </summary>
    /// <param name="value">The header value.</param>
    /// <param name="position">The 1-based position of the offending character inside the value, for <see cref="LineBreakPlace.Inside"/>.</param>
    /// <returns>Where the line break is.</returns>
    public static LineBreakPlace FindLineBreak(ReadOnlySpan<char> value, out int position)
    {
        position = 0;
        if (!value.ContainsAny(LineBreaks))
        {
            return LineBreakPlace.None;
        }

        int nul = value.IndexOf('\0');
        if (nul >= 0)
        {
            position = nul + 1;
            return LineBreakPlace.Inside;
        }

        ReadOnlySpan<char> trimmed = value.Trim();
        int inside = trimmed.IndexOfAny(LineBreaks);
        if (inside >= 0)
        {
            position = inside + 1;
            return LineBreakPlace.Inside;
        }

        return LineBreakPlace.Edge;
    }

    /// <summary>Gets a value indicating whether a configured value holds a control character (CR, LF, NUL, TAB …) once trimmed.</summary>
    /// <param name="value">The value.</param>
    /// <param name="position">The 1-based position of the first one.</param>
    /// <returns><see langword="true"/> when the value cannot be written as a header.</returns>
    public static bool HasControlCharacter(ReadOnlySpan<char> value, out int position)
    {
        ReadOnlySpan<char> trimmed = value.Trim();
        for (int i = 0; i < trimmed.Length; i++)
        {
            if (char.IsControl(trimmed[i]))
            {
                position = i + 1;
                return true;
            }
        }

        position = 0;
        return value.Contains('\0');
    }

    private static string? First(HeaderStringValues values)
    {
        foreach (string value in values)
        {
            return value;
        }

        return null;
    }

    private static bool IsSchemeWord(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (!char.IsAsciiLetter(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
