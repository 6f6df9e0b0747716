using System.Text.Json;

namespace ApiAuth.Testing.Internal;

/// <summary>The few fields of a JSON request body the emulator reads.</summary>
internal sealed class RequestBody
{
    private RequestBody()
    {
    }

    /// <summary>The body of a request that needs none (GET).</summary>
    public static RequestBody None { get; } = new();

    public bool IsValid { get; private init; } = true;

    public bool Stream { get; private init; }

    public string? Model { get; private init; }

    public int InputCount { get; private init; } = 1;

    public bool Base64Encoding { get; private init; }

    public int PromptTokens { get; private init; }

    public static RequestBody Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            return new RequestBody { IsValid = false };
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new RequestBody { IsValid = false };
            }

            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var inputs = 1;
            if (root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Array)
            {
                inputs = Math.Max(1, input.GetArrayLength());
            }

            var base64 = root.TryGetProperty("encoding_format", out var e) && e.ValueKind == JsonValueKind.String
                && string.Equals(e.GetString(), "base64", StringComparison.Ordinal);
            return new RequestBody
            {
                Stream = stream,
                Model = model,
                InputCount = inputs,
                Base64Encoding = base64,
                PromptTokens = Math.Max(1, body.Length / 4),
            };
        }
        catch (JsonException)
        {
            return new RequestBody { IsValid = false };
        }
    }
}
