using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary><c>GET /api/status</c>: catalog counts, vectors, model and crawler progress (public, read-only).</summary>
public static class StatusEndpoints
{
    /// <summary>Maps the status endpoint.</summary>
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", GetStatus)
            .WithTags("Status")
            .WithName("GetStatus")
            .WithSummary("Catalog and crawler status")
            .WithDescription("The numbers of `semsearch stats --json` plus the crawler's state and progress.");
        return app;
    }

    private static async Task<Ok<StatusDto>> GetStatus(HttpContext http, StatusReport status, ICatalogReader catalog)
    {
        // Pollers (the end-to-end tests, dashboards) must see fresh numbers.
        http.Response.Headers.CacheControl = "no-store";
        var report = status.Read();
        if ((await LocationView.ForAsync(http, catalog)).IsAdmin)
            return TypedResults.Ok(report);
        // Which file is being read and why files failed name server paths: for admins only.
        // A failed run's reason is an error message that may name them too.
        var lastRun = report.Crawler.LastRun is { } run ? run with { Reason = null } : null;
        return TypedResults.Ok(report with { Crawler = report.Crawler with { CurrentItem = null, LastErrors = [], LastRun = lastRun } });
    }
}
