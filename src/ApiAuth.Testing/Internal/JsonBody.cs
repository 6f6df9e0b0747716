using System.Text;
using System.Text.Json;

namespace ApiAuth.Testing.Internal;

/// <summary>Writes compact UTF-8 JSON in the exact property order the providers use.</summary>
internal static class JsonBody
{
    public const string ApplicationJson = "application/json";

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    public static byte[] SseEvent(string? eventName, byte[] data, string separator = "\n\n")
    {
        var prefix = eventName is null ? "data: " : "event: " + eventName + "\ndata: ";
        return [.. Encoding.UTF8.GetBytes(prefix), .. data, .. Encoding.UTF8.GetBytes(separator)];
    }

    public static byte[] SseData(string text) => Encoding.UTF8.GetBytes("data: " + text + "\n\n");
}
