using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Web.Tests.Fakes;

/// <summary>A crawler whose progress the test publishes.</summary>
internal sealed class FakeReindexService : IReindexService
{
    public CrawlProgress Progress { get; private set; } = CrawlProgress.Idle;

    public event Action<CrawlProgress>? ProgressChanged;

    public List<ReindexMode> Started { get; } = [];

    public ReindexStartResult Start(ReindexMode mode)
    {
        Started.Add(mode);
        Publish(new CrawlProgress { State = CrawlState.Running, Mode = mode, Phase = "discovering", StartedAt = DateTimeOffset.UtcNow });
        return new ReindexStartResult(true, mode == ReindexMode.Full ? "Full rebuild started." : "Incremental scan started.", mode);
    }

    public List<string?> Retried { get; } = [];

    public ReindexStartResult RetryFailed(string? kind = null)
    {
        Retried.Add(kind);
        return new ReindexStartResult(true, $"Retrying failed images of kind {kind ?? "any"}.", ReindexMode.Incremental);
    }

    public bool Cancel() => Progress.State != CrawlState.Idle;

    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Sets the snapshot and raises the event, on the calling (test) thread like the crawler's own thread.</summary>
    public void Publish(CrawlProgress progress)
    {
        Progress = progress;
        ProgressChanged?.Invoke(progress);
    }
}
