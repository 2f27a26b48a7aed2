using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary><c>POST /api/admin/retry-failed</c>: an incremental scan that also tries the failed images again.</summary>
public static class RetryFailedEndpoint
{
    /// <summary>Failure kinds are short identifiers (Corrupt, HttpError, ...).</summary>
    public const int MaxKindLength = 64;

    /// <summary>Maps the endpoint into the admin group (which authenticates and is same-origin guarded).</summary>
    public static RouteGroupBuilder MapRetryFailed(this RouteGroupBuilder group)
    {
        group.MapPost("/retry-failed", RetryFailed).WithName("RetryFailed")
            .WithSummary("Try the failed images again")
            .WithDescription("Starts an incremental scan that re-queues every failed image, or only those of one failure kind " +
                             "(?kind=Corrupt, as /api/status and `semsearch stats` name them). Joins a run in progress instead, and says so.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static Results<Accepted<ReindexResultDto>, Ok<ReindexResultDto>, ProblemHttpResult> RetryFailed(
        string? kind, IReindexService reindex, ILoggerFactory loggers)
    {
        kind = string.IsNullOrWhiteSpace(kind) ? null : kind.Trim();
        if (kind is not null && (kind.Length > MaxKindLength || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            return ApiProblems.BadRequest($"kind must be a failure kind such as 'Corrupt' (letters, digits, '-' or '_', at most {MaxKindLength}).");
        var result = reindex.RetryFailed(kind);
        loggers.CreateLogger(typeof(RetryFailedEndpoint)).LogInformation("Admin API asked to retry failed images ({Kind}): {Message}", kind ?? "all kinds", result.Message);
        var dto = new ReindexResultDto(result.Started, result.Message, result.RunningMode.ToString().ToLowerInvariant());
        return result.Started ? TypedResults.Accepted("/api/status", dto) : TypedResults.Ok(dto);
    }
}
