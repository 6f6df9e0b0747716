using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ApiAuth.WebApi;

/// <summary>Writes the health report as JSON, with each check's description and data (the ApiAuth check puts the cause there).</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        });
}
