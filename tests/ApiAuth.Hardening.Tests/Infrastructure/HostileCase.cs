using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>One hostile or broken response, and how the request that meets it is sent.</summary>
internal sealed record HostileCase(
    int Status,
    byte[] Body,
    string? ContentType,
    string[] ContentEncoding,
    string[] Authenticate,
    string? RequestId,
    long? DeclaredLength,
    int Cap,
    bool Sync,
    bool ThrowOnFailure,
    KeyShape Shape,
    string Key)
{
    /// <summary>
    /// Gets a value indicating whether the case tests a refusal before sending. Unless it does, the runner fails a case whose
    /// request did not reach the terminal handler exactly once.
    /// </summary>
    public bool ExpectsRefusal { get; init; }

    /// <summary>Gets what the body stream throws after its last byte (both doors), or <see langword="null"/> for a body that ends.</summary>
    public Func<Exception>? Fault { get; init; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"status {Status}, {Body.Length} bytes (first 80: {Convert.ToHexString(Body.AsSpan(0, Math.Min(80, Body.Length)))}), content-type '{ContentType}', encoding [{string.Join(",", ContentEncoding)}], www-authenticate [{string.Join(" | ", Authenticate)}], declared length {DeclaredLength}, cap {Cap}, {(Sync ? "Send" : "SendAsync")}, throw {ThrowOnFailure}, provider {Shape.Provider}{(Fault is null ? "" : ", then the stream throws " + Fault().GetType().Name)}{(ExpectsRefusal ? ", expects a refusal" : "")}");
}

/// <summary>Makes hostile cases: mutated real bodies, arbitrary bytes, structural bombs, random headers, echoed keys.</summary>
internal static class HostileCases
{
    /// <summary>Caps tried: the minimum, small, the default, large.</summary>
    public static readonly int[] Caps = [256, 1000, 4096, 64 * 1024, 64 * 1024, 256 * 1024];

    public static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=\"UTF-8\"", "application/json; charset=utf-16",
        "application/json; charset=utf-16BE", "application/json; charset=utf-32", "text/plain; charset=iso-8859-1", "text/html; charset=windows-1252",
        "application/problem+json", "text/html", "text/plain", "application/json; charset=shift_jis", "application/json; charset=bogus-charset",
        "application/json; charset=", "application/json; charset=\"", "*/*", ";;;", "application/json; charset=utf-7", "application/octet-stream",
        "text/event-stream", "application/json;charset=UTF-8;charset=latin1", "\u00e9/\u00e9", "application/json; boundary=\"x\"",
    ];

    public static readonly string[][] Encodings =
    [
        [], [], [], ["gzip"], ["br"], ["deflate"], ["identity"], ["gzip", "br"], ["br", "gzip"], ["x-gzip"], ["compress"], ["zstd"],
        ["gzip", "gzip"], [" GZIP "], ["chunked"], ["gzip", "identity", "br"],
    ];

    public static readonly string[] Challenges =
    [
        "Bearer", "Bearer realm=\"api\"", "Bearer error=\"invalid_token\", error_description=\"The access token expired\"",
        "Bearer error=\"insufficient_scope\", scope=\"model.request\"", "Basic realm=\"traefik\"", "Key realm=\"kong\"",
        "Bearer error=", "Bearer error=\"", "Bearer error=\"\\", "Bearer ,,,,,", "Negotiate", "Bearer error=invalid_token,error=x",
        "Bearer error_description=\"" + new string('x', 5000) + "\"", "\u0000\u0001", "Bearer realm=\"\u00e9\u4e2d\"",
    ];

    /// <summary>What a body stream may throw after its last byte: every kind a socket, a decoder, a store or a bug throws.</summary>
    public static readonly Func<Exception>[] Faults =
    [
        () => new IOException("The response ended prematurely."),
        () => new InvalidDataException("The archive entry was compressed using an unsupported compression method."),
        () => new UnauthorizedAccessException("Access to the body store is denied."),
        () => new TimeoutException("The body stream timed out."),
        () => new HttpRequestException("Error while copying content to a stream."),
        () => new OperationCanceledException("The body stream cancelled itself."),
        () => new ObjectDisposedException("body"),
        () => new InvalidOperationException("Decoder ran into invalid data."),
        () => new NotSupportedException("This stream does not support reading."),
        () => new ApplicationException("A bug nobody catches by name."),
    ];

    private static readonly string[] Tokens =
    [
        "\"error\":", "\"message\":", "\"code\":\"invalid_api_key\"", "\"type\":\"authentication_error\"", "\\u0000", "\\ud800", "\\udfff\\ud800",
        "null", "[[[[[[[[[[[[[[[[", "{\"error\":{\"message\":", "}}}}}}", "\"\\\"", "1e999999", "-0", "\"status\":\"PERMISSION_DENIED\"",
        "\"details\":[{\"reason\":\"API_KEY_INVALID\"}]", "<html><title>", "</title>", "(request id: ", "Incorrect API key provided: ",
        "error code: ", "\"detail\":[\"", "/*", "*/", "//", ",,,,", "\uFEFF", "\u200B", "\r\n\r\n", "%", "%zz", "%00", "${", "{{",
    ];

    private static readonly byte[] Interesting = [0x00, 0xFF, 0x7F, 0x80, 0xC0, 0xED, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':'];

    private static readonly byte[][] BadUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0x80], [0xBF], [0xEF, 0xBB, 0xBF], [0x00], [0xE2, 0x82],
    ];

    /// <summary>Applies 1–8 random mutations to a real body, as a fuzzer does.</summary>
    public static byte[] Mutate(byte[] seed, Random r, string? key = null)
    {
        var bytes = new List<byte>(seed);
        int count = r.Next(1, 9);
        for (int m = 0; m < count; m++)
        {
            int at = bytes.Count == 0 ? 0 : r.Next(bytes.Count + 1);
            switch (r.Next(12))
            {
                case 0 when bytes.Count > 0:
                    int flip = r.Next(bytes.Count);
                    bytes[flip] ^= (byte)(1 << r.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[r.Next(bytes.Count)] = Interesting[r.Next(Interesting.Length)];
                    break;
                case 2 when bytes.Count > 0:
                    int from = r.Next(bytes.Count);
                    bytes.RemoveRange(from, r.Next(Math.Min(bytes.Count - from, 64) + 1));
                    break;
                case 3:
                    byte[] junk = new byte[r.Next(1, 32)];
                    r.NextBytes(junk);
                    bytes.InsertRange(at, junk);
                    break;
                case 4 when bytes.Count > 0:
                    int start = r.Next(bytes.Count);
                    int length = r.Next(Math.Min(bytes.Count - start, 256) + 1);
                    bytes.InsertRange(at, bytes.GetRange(start, length));
                    break;
                case 5 when bytes.Count > 0:
                    int cut = r.Next(bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                case 6:
                    byte[] other = Encoding.UTF8.GetBytes(Corpus.All[r.Next(Corpus.All.Count)].Body);
                    if (other.Length > 0)
                    {
                        int o = r.Next(other.Length);
                        bytes.InsertRange(at, other.AsSpan(o, r.Next(other.Length - o + 1)).ToArray());
                    }

                    break;
                case 7:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[r.Next(Tokens.Length)]));
                    break;
                case 8:
                    bytes.InsertRange(at, BadUtf8[r.Next(BadUtf8.Length)]);
                    break;
                case 9:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)(r.Next(2) == 0 ? '[' : '{'), r.Next(1, 3000)));
                    break;
                case 10 when key is not null:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(SecretScan.Echo(key, r.Next(9), r)));
                    break;
                default:
                    string s = ((char)r.Next(0x20, 0x3000)).ToString();
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(char.IsSurrogate(s[0]) ? "?" : s));
                    break;
            }
        }

        return bytes.ToArray();
    }

    /// <summary>A random hostile case derived entirely from <paramref name="r"/>.</summary>
    public static HostileCase Next(Random r)
    {
        KeyShape shape = Keys.Shapes[r.Next(Keys.Shapes.Count)];
        string key = shape.Make(r);
        Fixture seed = Corpus.All[r.Next(Corpus.All.Count)];
        byte[] body = r.Next(10) switch
        {
            0 => RandomBytes(r, r.Next(0, 4096)),
            1 => Encoding.UTF8.GetBytes(new string('[', r.Next(1, 200_001))),
            2 => Encoding.UTF8.GetBytes(seed.Body)[..r.Next(0, Encoding.UTF8.GetByteCount(seed.Body) + 1)],
            _ => Mutate(Encoding.UTF8.GetBytes(seed.Body), r, key),
        };

        string? contentType = r.Next(4) == 0 ? null : r.Next(3) == 0 && seed.Headers.TryGetValue("content-type", out string? ct) ? ct : ContentTypes[r.Next(ContentTypes.Length)];
        if (contentType is not null && contentType.Contains("utf-16", StringComparison.OrdinalIgnoreCase) && r.Next(2) == 0)
        {
            body = Encoding.Convert(Encoding.UTF8, contentType.Contains("BE", StringComparison.Ordinal) ? Encoding.BigEndianUnicode : Encoding.Unicode, body);
        }

        string[] encoding = Encodings[r.Next(Encodings.Length)];
        if (encoding.Length > 0 && r.Next(3) != 0)
        {
            body = Encode(body, encoding);
        }

        var challenges = new List<string>();
        if (seed.Headers.TryGetValue("www-authenticate", out string? seeded))
        {
            challenges.Add(seeded);
        }

        for (int i = r.Next(3); i > 0; i--)
        {
            challenges.Add(r.Next(4) == 0
                ? Encoding.Latin1.GetString(Mutate(Encoding.Latin1.GetBytes(Challenges[r.Next(Challenges.Length)]), r, key))
                : r.Next(3) == 0 ? "Bearer error=\"invalid_token\", error_description=\"" + SecretScan.Echo(key, r.Next(9), r) + "\"" : Challenges[r.Next(Challenges.Length)]);
        }

        long? declared = r.Next(8) switch
        {
            0 => Math.Max(0, body.Length - r.Next(1, 100)),
            1 => body.Length + r.Next(1, 100_000),
            2 => body.Length,
            _ => null,
        };

        int[] statuses = [401, 401, 401, 403, 403, 400, seed.Status];
        return new HostileCase(
            statuses[r.Next(statuses.Length)],
            body,
            contentType,
            encoding,
            [.. challenges],
            r.Next(3) == 0 ? "req_" + Keys.Random(r, "0123456789abcdef", 32) : r.Next(6) == 0 ? SecretScan.Echo(key, r.Next(9), r) : null,
            declared,
            Caps[r.Next(Caps.Length)],
            r.Next(2) == 0,
            r.Next(4) != 0,
            shape,
            key)
        {
            // Drawn last, so every other choice a seed made before this was added is unchanged.
            Fault = r.Next(8) == 0 ? Faults[r.Next(Faults.Length)] : null,
        };
    }

    public static byte[] RandomBytes(Random r, int length)
    {
        byte[] bytes = new byte[length];
        r.NextBytes(bytes);
        return bytes;
    }

    public static byte[] Encode(byte[] body, IEnumerable<string> encodings)
    {
        byte[] current = body;
        foreach (string encoding in encodings)
        {
            using var output = new MemoryStream();
            using (Stream? compressor = encoding.Trim().ToUpperInvariant() switch
            {
                "GZIP" or "X-GZIP" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
                "BR" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
                "DEFLATE" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
                _ => null,
            })
            {
                if (compressor is null)
                {
                    continue;
                }

                compressor.Write(current);
            }

            current = output.ToArray();
        }

        return current;
    }
}
