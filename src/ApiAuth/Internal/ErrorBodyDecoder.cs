using System.IO.Compression;
using System.Text;

namespace ApiAuth.Internal;

/// <summary>
/// Step 6b: turns the raw prefix into UTF-8 text for the classifier: undoes a content encoding the
/// transport left in place (gzip, deflate, br) within the same byte cap, and transcodes a declared charset.
/// Garbage never throws: it yields what could be decoded, or nothing.
/// </summary>
internal static class ErrorBodyDecoder
{
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
        byte[] current = body.ToArray();
        int length = current.Length;
        foreach (string encoding in contentEncoding.Reverse())
        {
            try
            {
                using var input = new MemoryStream(current, 0, length, writable: false);
                using Stream decoder = encoding.Trim().ToUpperInvariant() switch
                {
                    "GZIP" or "X-GZIP" => new GZipStream(input, CompressionMode.Decompress),
                    "DEFLATE" => new ZLibStream(input, CompressionMode.Decompress),
                    "BR" => new BrotliStream(input, CompressionMode.Decompress),
                    "IDENTITY" => input,
                    _ => throw new InvalidDataException("unknown content encoding"),
                };
                byte[] output = new byte[maxBytes];
                int read = 0;
                while (read < output.Length)
                {
                    int n = decoder.Read(output, read, output.Length - read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                current = output;
                length = read;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                // Truncated or not what it claims to be: classify from status and headers alone.
                return default;
            }
        }

        return current.AsSpan(0, length);
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
