using Microsoft.AspNetCore.Http.HttpResults;
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

    private static Ok<StatusDto> GetStatus(HttpContext http, StatusReport status)
    {
        // Pollers (the end-to-end tests, dashboards) must see fresh numbers.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(status.Read());
    }
}
