using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace ApiAuth.Internal;

/// <summary>
/// Reads the <c>exp</c> claim of a JSON Web Token without validating it (ApiAuth is not the audience);
/// only to say "this token has expired" before it is sent. The payload is never logged or kept.
/// </summary>
internal static class JwtExpiry
{
    /// <summary>Servers allow this much clock skew; a token is only called expired past it.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const int MaxPayloadChars = 16 * 1024;

    /// <summary>Gets a value indicating whether the value has the shape of a JWS compact token.</summary>
    public static bool LooksLikeJwt(ReadOnlySpan<char> token) =>
        token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count('.') == 2;

    /// <summary>Gets a value indicating whether an expiry lies in the past, beyond the clock skew servers allow.</summary>
    public static bool HasPassed(DateTimeOffset expiry, DateTimeOffset now) => expiry + ClockSkew < now;

    /// <summary>Reads the expiry, or <see langword="null"/> when the token has none or cannot be read.</summary>
    public static DateTimeOffset? Read(ReadOnlySpan<char> token) => ReadClaims(token).Expiry;

    /// <summary>Reads the claims a diagnosis uses (<c>exp</c>, and <c>aud</c>: a list is space-separated), never validating the token.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The claims found; both <see langword="null"/> when the token cannot be read.</returns>
    public static (DateTimeOffset? Expiry, string? Audience) ReadClaims(ReadOnlySpan<char> token)
    {
        int first = token.IndexOf('.');
        if (first < 0)
        {
            return default;
        }

        ReadOnlySpan<char> rest = token[(first + 1)..];
        int second = rest.IndexOf('.');
        if (second <= 0 || second > MaxPayloadChars)
        {
            return default;
        }

        ReadOnlySpan<char> payload = rest[..second];
        byte[] rented = ArrayPool<byte>.Shared.Rent(payload.Length + 4);
        try
        {
            int n = 0;
            foreach (char c in payload)
            {
                rented[n++] = c switch { '-' => (byte)'+', '_' => (byte)'/', _ => c < 128 ? (byte)c : (byte)'!' };
            }

            while (n % 4 != 0)
            {
                rented[n++] = (byte)'=';
            }

            if (Base64.DecodeFromUtf8InPlace(rented.AsSpan(0, n), out int length) != OperationStatus.Done)
            {
                return default;
            }

            return ClaimsFrom(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    private static (DateTimeOffset? Expiry, string? Audience) ClaimsFrom(ReadOnlySpan<byte> json)
    {
        DateTimeOffset? expiry = null;
        string? audience = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("exp"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long seconds) && seconds is > 0 and < 253402300799)
                    {
                        expiry = DateTimeOffset.FromUnixTimeSeconds(seconds);
                    }
                }
                else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("aud"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        // Every audience of a list, space-separated (a token may name several; any one may be right).
                        var all = new System.Text.StringBuilder();
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                all.Append(all.Length == 0 ? string.Empty : " ").Append(reader.GetString());
                            }
                            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            {
                                reader.Skip();
                            }
                        }

                        audience = all.ToString();
                    }
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        audience = reader.GetString();
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not a JSON payload (or cut short): report what was read.
        }
        catch (InvalidOperationException)
        {
            // A claim of an unexpected type: report what was read.
        }

        return (expiry, audience);
    }
}
