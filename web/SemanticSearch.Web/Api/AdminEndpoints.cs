using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Security;

namespace SemanticSearch.Web.Api;

/// <summary>
/// <c>/api/admin</c>: reindex, cancel and sources. Requires the <c>X-Api-Key</c> header (or, with no key configured,
/// a loopback client); the session cookie of the admin page is deliberately not accepted here.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps the admin group.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AdminAuth.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/reindex", ReindexAsync).WithName("Reindex")
            .WithSummary("Start an incremental scan or a full rebuild")
            .WithDescription("mode=incremental (default) or mode=full, as a query parameter or a JSON body {\"mode\": \"full\"}. " +
                             "When a run is going, the request joins it and says so.")
            .Accepts<ReindexRequest>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/cancel", Cancel).WithName("CancelReindex").WithSummary("Stop the running scan at the next safe point");
        group.MapGet("/sources", ListSources).WithName("ListSources").WithSummary("Configured sources");
        group.MapPost("/sources", AddSource).WithName("AddSource").WithSummary("Add a folder or web source")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/sources/{id:long}", RemoveSource).WithName("RemoveSource").WithSummary("Remove a source and its images")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapRetryFailed();
        group.MapModelEndpoints();
        group.MapModelPulls();
        return app;
    }

    private static async Task<Results<Accepted<ReindexResultDto>, Ok<ReindexResultDto>, ProblemHttpResult>> ReindexAsync(
        HttpRequest request, string? mode, IReindexService reindex, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (mode is null && request.HasJsonContentType() && request.ContentLength is not 0)
        {
            try
            {
                mode = (await request.ReadFromJsonAsync<ReindexRequest>(cancellationToken))?.Mode;
            }
            catch (JsonException)
            {
                return ApiProblems.BadRequest("The body must be JSON like {\"mode\": \"full\"}.");
            }
        }
        ReindexMode parsed;
        switch (mode?.Trim().ToLowerInvariant())
        {
            case null or "" or "incremental": parsed = ReindexMode.Incremental; break;
            case "full": parsed = ReindexMode.Full; break;
            default: return ApiProblems.BadRequest($"mode must be 'incremental' or 'full' (was '{mode}').");
        }
        var result = reindex.Start(parsed);
        loggers.CreateLogger(typeof(AdminEndpoints)).LogInformation(
            "Admin API asked for a {Mode} reindex: {Message}", parsed, result.Message);
        var dto = new ReindexResultDto(result.Started, result.Message, result.RunningMode.ToString().ToLowerInvariant());
        return result.Started ? TypedResults.Accepted("/api/status", dto) : TypedResults.Ok(dto);
    }

    private static Ok<CancelResultDto> Cancel(IReindexService reindex) =>
        TypedResults.Ok(reindex.Cancel()
            ? new CancelResultDto(true, "Cancelling: the run stops at the next safe point.")
            : new CancelResultDto(false, "Nothing was running."));

    private static Ok<SourceDto[]> ListSources(SourceAdministration sources) =>
        TypedResults.Ok(sources.Overview().Select(s => s.ToDto()).ToArray());

    private static Results<Created<SourceDto>, ProblemHttpResult> AddSource(AddSourceRequest request, SourceAdministration sources)
    {
        var source = sources.Add(request.Location, request.Watch, request.MaxDepth, out var error);
        return source is null ? ApiProblems.BadRequest(error!) : TypedResults.Created($"/api/admin/sources/{source.Id}", source.ToDto());
    }

    private static Results<NoContent, ProblemHttpResult> RemoveSource(long id, SourceAdministration sources) =>
        sources.Remove(id) ? TypedResults.NoContent() : ApiProblems.NotFound($"There is no source with id {id}.");
}
