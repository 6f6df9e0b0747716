using System.Net;
using System.Net.Sockets;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Where a credential may travel over plain http: the one rule the handler, the offline check and start-up validation share.
/// </summary>
/// <remarks>
/// <para>Hosts fall into three kinds (<see cref="Classify"/>):</para>
/// <list type="bullet">
/// <item><description><b>Local</b> — this machine: a loopback address (<c>127.0.0.0/8</c>, <c>::1</c>), the name
/// <c>localhost</c> or any <c>*.localhost</c> name (RFC 6761), and the unspecified addresses <c>0.0.0.0</c> and <c>::</c>
/// (the address vLLM, Ollama and others print, which a client reaches on this machine). Plain http is allowed.</description></item>
/// <item><description><b>The user's own network</b> — a private address (<c>10.0.0.0/8</c>, <c>172.16.0.0/12</c>,
/// <c>192.168.0.0/16</c>, <c>fc00::/7</c>, and the shared address space <c>100.64.0.0/10</c> that carrier NAT and Tailscale use), a link-local address (<c>169.254.0.0/16</c>, <c>fe80::/10</c>), or a single-label
/// host name (a docker or Kubernetes service such as <c>http://vllm:8000</c>), or a name under a private-use suffix
/// (<c>.local</c>, <c>.home.arpa</c>, <c>.internal</c>, as in <c>host.docker.internal</c>). Plain http is allowed with a warning logged
/// once per client, except for a key in a known cloud provider's format (an unmistakable <see cref="KeyFormats"/> prefix:
/// OpenAI, Anthropic, Google, GitHub …), which has no business on plain http anywhere and is refused.</description></item>
/// <item><description><b>Public</b> — every other host. Plain http with a credential is refused.</description></item>
/// </list>
/// <para><c>AllowInsecureHttp</c> turns the rule off. IPv4-mapped IPv6 addresses are judged by their IPv4 address.</para>
/// </remarks>
internal static class EndpointRules
{
    /// <summary>
    /// Name suffixes that never resolve on the public internet: mDNS <c>.local</c> (RFC 6762), <c>.home.arpa</c> (RFC 8375) and
    /// <c>.internal</c> (reserved by ICANN for private use; Docker Desktop's <c>host.docker.internal</c>).
    /// </summary>
    private static readonly string[] PrivateUseSuffixes = [".local", ".home.arpa", ".internal"];

    /// <summary>Gets a value indicating whether the address is plain http.</summary>
    /// <param name="uri">The address.</param>
    /// <returns><see langword="true"/> for an absolute <c>http://</c> address.</returns>
    public static bool IsPlainHttp(Uri uri) =>
        uri.IsAbsoluteUri && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets what a plain-http credential to <paramref name="uri"/> gets: sent, sent with a warning, or refused.</summary>
    /// <param name="uri">Where the credential would go.</param>
    /// <param name="key">The key, if known (a key in a cloud provider's format is refused on the user's own network too).</param>
    /// <returns><see cref="PlainHttpVerdict.Allowed"/> for https or a local host.</returns>
    public static PlainHttpVerdict PlainHttp(Uri uri, ReadOnlySpan<char> key)
    {
        if (!IsPlainHttp(uri))
        {
            return PlainHttpVerdict.Allowed;
        }

        return Classify(uri) switch
        {
            HostKind.Local => PlainHttpVerdict.Allowed,
            HostKind.OwnNetwork => IsCloudKey(key) ? PlainHttpVerdict.RefusedCloudKey : PlainHttpVerdict.AllowedWithWarning,
            _ => PlainHttpVerdict.Refused,
        };
    }

    /// <summary>Gets a value indicating whether a key is in a known cloud provider's unmistakable format.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> for an OpenAI, Anthropic, Google … key.</returns>
    public static bool IsCloudKey(ReadOnlySpan<char> key) => KeyFormats.Match(key) is { Unmistakable: true };

    /// <summary>Classifies the host of an absolute address.</summary>
    /// <param name="uri">The address.</param>
    /// <returns>Local, the user's own network, or public.</returns>
    public static HostKind Classify(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return HostKind.Local;
        }

        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv4:
                return ClassifyIPv4(uri.IdnHost.AsSpan());
            case UriHostNameType.IPv6:
                return IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? address) ? ClassifyIPv6(address) : HostKind.Public;
            case UriHostNameType.Dns:
            case UriHostNameType.Basic:
                return ClassifyName(uri.IdnHost.AsSpan());
            default:
                return HostKind.Public;
        }
    }

    private static HostKind ClassifyName(ReadOnlySpan<char> host)
    {
        host = host.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return HostKind.Local;
        }

        // A single label (no dot) is resolved on the user's own network: a docker service, a Kubernetes service, a LAN host.
        if (host.Length > 0 && !host.Contains('.'))
        {
            return HostKind.OwnNetwork;
        }

        foreach (string suffix in PrivateUseSuffixes)
        {
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length)
            {
                return HostKind.OwnNetwork;
            }
        }

        return HostKind.Public;
    }

    private static HostKind ClassifyIPv4(ReadOnlySpan<char> host)
    {
        Span<byte> octets = stackalloc byte[4];
        int part = 0;
        int value = -1;
        foreach (char c in host)
        {
            if (c == '.')
            {
                if (value < 0 || part == 3)
                {
                    return HostKind.Public;
                }

                octets[part++] = (byte)value;
                value = -1;
            }
            else if (char.IsAsciiDigit(c))
            {
                value = value < 0 ? c - '0' : (value * 10) + (c - '0');
                if (value > 255)
                {
                    return HostKind.Public;
                }
            }
            else
            {
                return HostKind.Public;
            }
        }

        if (value < 0 || part != 3)
        {
            return HostKind.Public;
        }

        octets[3] = (byte)value;
        return ClassifyIPv4(octets[0], octets[1], octets[2], octets[3]);
    }

    private static HostKind ClassifyIPv4(byte a, byte b, byte c, byte d) => (a, b) switch
    {
        (127, _) => HostKind.Local,
        (0, _) when b == 0 && c == 0 && d == 0 => HostKind.Local,
        (10, _) => HostKind.OwnNetwork,
        (172, >= 16 and <= 31) => HostKind.OwnNetwork,
        (192, 168) => HostKind.OwnNetwork,
        (169, 254) => HostKind.OwnNetwork,
        (100, >= 64 and <= 127) => HostKind.OwnNetwork, // 100.64.0.0/10, shared address space (RFC 6598): carrier NAT, Tailscale
        _ => HostKind.Public,
    };

    private static HostKind ClassifyIPv6(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return HostKind.Public;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            byte[] v4 = address.MapToIPv4().GetAddressBytes();
            return ClassifyIPv4(v4[0], v4[1], v4[2], v4[3]);
        }

        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address))
        {
            return HostKind.Local;
        }

        byte[] bytes = address.GetAddressBytes();
        if ((bytes[0] & 0xFE) == 0xFC || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80))
        {
            return HostKind.OwnNetwork;
        }

        return HostKind.Public;
    }
}
