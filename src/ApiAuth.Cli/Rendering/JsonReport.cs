using System.Text.Encodings.Web;
using System.Text.Json;
using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Rendering;

/// <summary>
/// The doctor's <c>--json</c> output, schema <c>apiauth.doctor/v1</c> (documented in the README). Every property is always
/// present (null when it does not apply) so consumers can rely on the shape; new properties may be added, none removed.
/// </summary>
internal static class JsonReport
{
    public const string Schema = "apiauth.doctor/v1";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(DoctorReport report, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("tool", "apiauth");
        json.WriteString("version", CliInfo.Version);
        json.WriteString("directory", report.Directory);
        json.WriteString("repositoryRoot", report.RepositoryRoot);
        json.WriteBoolean("probed", report.Probed);
        json.WriteNumber("exitCode", report.ExitCode);
        json.WriteStartObject("summary");
        json.WriteNumber("passed", report.Count(CheckStatus.Pass));
        json.WriteNumber("info", report.Count(CheckStatus.Info));
        json.WriteNumber("warnings", report.Count(CheckStatus.Warn));
        json.WriteNumber("failed", report.Count(CheckStatus.Fail));
        json.WriteEndObject();
        json.WriteStartArray("checks");
        foreach (CheckResult check in report.Checks)
        {
            json.WriteStartObject();
            json.WriteString("id", check.Id);
            json.WriteString("category", check.Category);
            json.WriteString("status", StatusName(check.Status));
            json.WriteString("title", check.Title);
            json.WriteString("provider", check.Provider);
            json.WriteString("variable", check.Variable);
            json.WriteString("keyHint", check.KeyHint);
            json.WriteString("file", check.File);
            WriteNumber(json, "line", check.Line);
            json.WriteString("cause", check.Cause);
            WriteNumber(json, "httpStatus", check.HttpStatus);
            json.WriteString("requestId", check.RequestId);
            json.WriteString("detail", check.Detail);
            json.WriteString("remediation", check.Remediation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Info => "info",
        CheckStatus.Warn => "warn",
        _ => "fail",
    };

    internal static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
