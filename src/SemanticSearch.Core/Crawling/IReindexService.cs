namespace SemanticSearch.Core.Crawling;

/// <summary>
/// Triggers and watches indexing runs. Shared by the CLI, the web admin and the hosted crawler.
/// Only one run at a time: a second request joins the running one and says so.
/// </summary>
public interface IReindexService
{
    /// <summary>The latest snapshot.</summary>
    CrawlProgress Progress { get; }

    /// <summary>Raised (on a background thread) whenever <see cref="Progress"/> changes, at most a few times per second.</summary>
    event Action<CrawlProgress>? ProgressChanged;

    ReindexStartResult Start(ReindexMode mode);

    /// <summary>
    /// Starts an incremental run that also tries again the images that failed before (of <paramref name="kind"/> only,
    /// when given), or joins the run in progress. Hosts without a crawler say why not.
    /// </summary>
    ReindexStartResult RetryFailed(string? kind = null) =>
        new(false, "Retrying failed images is not available here.", ReindexMode.Incremental);

    /// <summary>Asks the running run to stop at the next safe point; false when nothing was running.</summary>
    bool Cancel();

    /// <summary>Completes when no run is in progress (immediately when idle).</summary>
    Task WaitForIdleAsync(CancellationToken cancellationToken = default);
}
