using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Stands in for the crawler when the embedding model is missing: nothing can be indexed, and every request says why
/// instead of failing the page or the host.
/// </summary>
public sealed class UnavailableReindexService(string problem) : IReindexService
{
    /// <inheritdoc />
    public CrawlProgress Progress => CrawlProgress.Idle;

    /// <inheritdoc />
    public event Action<CrawlProgress>? ProgressChanged
    {
        add { }
        remove { }
    }

    /// <inheritdoc />
    public ReindexStartResult Start(ReindexMode mode) =>
        new(false, "Indexing is unavailable until the model is installed (then restart): " + problem, mode);

    /// <inheritdoc />
    public bool Cancel() => false;

    /// <inheritdoc />
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
