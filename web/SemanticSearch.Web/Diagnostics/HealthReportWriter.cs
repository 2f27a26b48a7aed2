using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>Writes <c>/health</c> as JSON: overall status plus each check's status and description.</summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The response writer for <c>MapHealthChecks</c>.</summary>
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
