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
            if (explanation.FoundBody)
            {
                writer.WriteLine(Paint($"! Not an authentication failure: this is {explanation.NonAuthKind} ({explanation.Status}).", Ansi.Yellow));
                writer.WriteLine("  The body does not say the key was refused, so a new key will not fix it.");
                WriteDetail(writer, "Error code", explanation.ServerCode);
                WriteDetail(writer, "Server said", explanation.ServerMessage);
            }
            else
            {
                writer.WriteLine(Paint("! Not recognised as an authentication failure.", Ansi.Yellow));
                writer.WriteLine("  No JSON error body was found in the text; paste the whole body, or the SDK's exception message.");
            }
        }
        else
        {
            writer.WriteLine(Paint($"✗ {failure.Cause}: {explanation.Personalize(failure.Description)}", Ansi.Red));
            writer.WriteLine("  → " + explanation.Personalize(failure.Remediation));
            WriteDetail(writer, "Error code", failure.ErrorCode);
            WriteDetail(writer, "Server said", failure.ServerMessage);
            WriteDetail(writer, "Key", explanation.KeyEnding is { } ending ? $"…{ending} (the last 4, from the server's masked echo)" : failure.KeyHint);
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
            json.WriteString("description", explanation.Personalize(failure.Description));
            json.WriteString("remediation", explanation.Personalize(failure.Remediation));
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

        json.WriteString("keyEnding", explanation.KeyEnding);
        if (explanation.Failure is null)
        {
            json.WriteStartObject("notAuthentication");
            json.WriteString("kind", explanation.NonAuthKind);
            json.WriteString("errorCode", explanation.ServerCode);
            json.WriteString("serverMessage", explanation.ServerMessage);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("notAuthentication");
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
