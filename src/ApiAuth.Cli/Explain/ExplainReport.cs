using System.Text.Json;
using ApiAuth.Cli.Rendering;

namespace ApiAuth.Cli.Explain;

/// <summary>Renders an <see cref="Explanation"/> as text or as JSON (schema <c>apiauth.explain/v1</c>).</summary>
internal static class ExplainReport
{
    public const string Schema = "apiauth.explain/v1";

    public static void WriteText(Explanation explanation, TextWriter writer, bool color)
    {
        string Paint(string text, string code) => color ? code + text + Ansi.Reset : text;
        string statusNote = explanation.StatusSource == "assumed" ? " (assumed: no status in the text; pass --status)" : string.Empty;
        string providerNote = explanation.ProviderSource switch
        {
            "option" => string.Empty,
            "host" => " (from the URL in the text)",
            "body" => " (from the error's shape; pass --provider to override)",
            _ => " (unknown; pass --provider openai|azure-openai|anthropic|gemini)",
        };
        writer.WriteLine($"Provider: {explanation.Provider}{providerNote}");
        writer.WriteLine($"Status:   {explanation.Status}{statusNote}");
        writer.WriteLine();
        if (explanation.Failure is not { } failure)
        {
            writer.WriteLine(Paint("! Not recognised as an authentication failure.", Ansi.Yellow));
            writer.WriteLine(explanation.FoundBody
                ? "  The error body does not say the credential was refused (a quota, rate-limit, model or request error?)."
                : "  No JSON error body was found in the text; paste the whole body, or the SDK's exception message.");
        }
        else
        {
            writer.WriteLine(Paint($"✗ {failure.Cause}: {failure.Description}", Ansi.Red));
            writer.WriteLine("  → " + failure.Remediation);
            WriteDetail(writer, "Error code", failure.ErrorCode);
            WriteDetail(writer, "Server said", failure.ServerMessage);
            WriteDetail(writer, "Key", failure.KeyHint);
            WriteDetail(writer, "Request id", failure.RequestId);
        }

        foreach (string hint in explanation.KeysInText)
        {
            writer.WriteLine();
            writer.WriteLine(Paint($"! The text holds a full key ({hint}).", Ansi.Yellow));
            writer.WriteLine("  → Don't paste keys into logs, issues or chats; if this text was shared, revoke the key and create a new one.");
        }
    }

    public static void WriteJson(Explanation explanation, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, JsonReport.WriterOptions);
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("provider", explanation.Provider);
        json.WriteString("providerSource", explanation.ProviderSource);
        json.WriteNumber("status", explanation.Status);
        json.WriteString("statusSource", explanation.StatusSource);
        json.WriteBoolean("foundBody", explanation.FoundBody);
        json.WriteBoolean("diagnosed", explanation.Failure is not null);
        if (explanation.Failure is { } failure)
        {
            json.WriteStartObject("failure");
            json.WriteString("cause", failure.Cause.ToString());
            json.WriteString("description", failure.Description);
            json.WriteString("remediation", failure.Remediation);
            json.WriteString("errorCode", failure.ErrorCode);
            json.WriteString("serverMessage", failure.ServerMessage);
            json.WriteString("keyHint", failure.KeyHint);
            json.WriteString("requestId", failure.RequestId);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("failure");
        }

        json.WriteStartArray("keysInText");
        foreach (string hint in explanation.KeysInText)
        {
            json.WriteStringValue(hint);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteDetail(TextWriter writer, string label, string? value)
    {
        if (value is not null)
        {
            writer.WriteLine($"  {label + ":",-12} {value}");
        }
    }
}
