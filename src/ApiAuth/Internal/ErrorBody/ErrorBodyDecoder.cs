using System.IO.Compression;
using System.Text;

namespace ApiAuth.Internal;

/// <summary>
/// The decoding in "Read the error body" (ARCHITECTURE.md; after <see cref="ErrorBodyReader"/>, before
/// <see cref="ErrorBodyParser"/>): turns the raw prefix into UTF-8 text for the classifier: undoes the content codings the
/// transport left in place (gzip, deflate, br; at most <see cref="MaxLayers"/> of them, <c>identity</c> skipped) with
/// every output bounded by the byte cap, and transcodes a declared charset. Garbage never throws: it yields what could
/// be decoded, or nothing.
/// </summary>
internal static class ErrorBodyDecoder
{
    /// <summary>The most content codings (other than <c>identity</c>) ApiAuth undoes; real servers send one.</summary>
    internal const int MaxLayers = 3;

    private enum Coding : byte
    {
        Identity,
        Gzip,
        Deflate,
        Brotli,
        Unknown,
    }

    public static ReadOnlySpan<byte> ToUtf8(ReadOnlySpan<byte> body, ICollection<string> contentEncoding, string? charset, int maxBytes)
    {
        if (body.IsEmpty)
        {
            return body;
        }

        if (contentEncoding.Count > 0)
        {
            body = Decompress(body, contentEncoding, maxBytes);
        }

        if (charset is null || IsUtf8(charset))
        {
            return SkipUtf8Bom(body);
        }

        try
        {
            Encoding encoding = Encoding.GetEncoding(charset.Trim('"', ' '));
            return Encoding.UTF8.GetBytes(encoding.GetString(body));
        }
        catch (ArgumentException)
        {
            return SkipUtf8Bom(body);
        }
    }

    private static ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> body, ICollection<string> contentEncoding, int maxBytes)
    {
        // Identity layers are no work and are skipped; more real layers than any server uses are not decoded at all, so the
        // work is bounded by the cap (at most MaxLayers decoders, each writing at most the cap), never by the header.
        Span<Coding> layers = stackalloc Coding[MaxLayers];
        int count = 0;
        foreach (string encoding in contentEncoding)
        {
            Coding coding = Parse(encoding);
            if (coding == Coding.Identity)
            {
                continue;
            }

            if (coding == Coding.Unknown || count == MaxLayers)
            {
                // Not something ApiAuth can undo: classify from status and headers alone.
                return default;
            }

            layers[count++] = coding;
        }

        if (count == 0)
        {
            return body;
        }

        byte[] current = body.ToArray();
        int length = current.Length;
        for (int i = count - 1; i >= 0; i--)
        {
            try
            {
                using var input = new MemoryStream(current, 0, length, writable: false);
                using Stream decoder = layers[i] switch
                {
                    Coding.Gzip => new GZipStream(input, CompressionMode.Decompress),
                    Coding.Deflate => new ZLibStream(input, CompressionMode.Decompress),
                    _ => new BrotliStream(input, CompressionMode.Decompress),
                };
                current = ReadBounded(decoder, length, maxBytes, out length);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                // Truncated or not what it claims to be: classify from status and headers alone.
                return default;
            }
        }

        return current.AsSpan(0, length);
    }

    /// <summary>Reads a decoder to its end or to the cap, whichever comes first, in a buffer that grows only as output arrives.</summary>
    private static byte[] ReadBounded(Stream decoder, int inputLength, int maxBytes, out int length)
    {
        byte[] output = new byte[(int)Math.Clamp(inputLength * 4L, 1024, maxBytes)];
        int read = 0;
        while (true)
        {
            if (read == output.Length)
            {
                if (output.Length >= maxBytes)
                {
                    break;
                }

                Array.Resize(ref output, (int)Math.Min(maxBytes, output.Length * 2L));
            }

            int n = decoder.Read(output, read, output.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        length = read;
        return output;
    }

    private static Coding Parse(string encoding)
    {
        ReadOnlySpan<char> e = encoding.AsSpan().Trim();
        return e.IsEmpty || e.Equals("identity", StringComparison.OrdinalIgnoreCase) ? Coding.Identity
            : e.Equals("gzip", StringComparison.OrdinalIgnoreCase) || e.Equals("x-gzip", StringComparison.OrdinalIgnoreCase) ? Coding.Gzip
            : e.Equals("deflate", StringComparison.OrdinalIgnoreCase) ? Coding.Deflate
            : e.Equals("br", StringComparison.OrdinalIgnoreCase) ? Coding.Brotli
            : Coding.Unknown;
    }

    private static bool IsUtf8(string charset)
    {
        string c = charset.Trim('"', ' ');
        return c.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || c.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || c.Equals("us-ascii", StringComparison.OrdinalIgnoreCase) || c.Equals("ascii", StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<byte> SkipUtf8Bom(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;
}
