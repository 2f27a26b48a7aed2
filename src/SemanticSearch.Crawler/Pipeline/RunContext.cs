using System.Collections.Concurrent;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>The state one run shares between its stages.</summary>
internal sealed class RunContext(CrawlRequest request, IReadOnlyList<CatalogSource> sources, ProgressTracker progress, CancellationToken token)
{
    private readonly ConcurrentDictionary<long, DiscoveryReport> _reports = new();
    private readonly ConcurrentDictionary<long, HashSet<string>> _seen = new();
    private readonly ConcurrentDictionary<long, long> _moved = new();

    public CrawlRequest Request { get; } = request;

    public IReadOnlyList<CatalogSource> Sources { get; } = sources;

    public ProgressTracker Progress { get; } = progress;

    public StageTimings Timings { get; } = new();

    public CancellationToken Token { get; } = token;

    public bool Full => Request.Mode == ReindexMode.Full;

    /// <summary>Catalog rows per source as they were before this run (loaded by change detection).</summary>
    public ConcurrentDictionary<long, IReadOnlyDictionary<string, KnownImage>> Known { get; } = new();

    public DiscoveryReport ReportFor(long sourceId) => _reports.GetOrAdd(sourceId, _ => new DiscoveryReport(Progress.OnIssue));

    /// <summary>Records a discovered location (called by the single change-detection task only).</summary>
    public void MarkSeen(DiscoveredItem item) =>
        _seen.GetOrAdd(item.SourceId, _ => new HashSet<string>(StringComparer.Ordinal)).Add(item.Location);

    public bool WasSeen(long sourceId, string location) =>
        _seen.TryGetValue(sourceId, out var seen) && seen.Contains(location);

    /// <summary>Claims an image id for a move; false when another location already took it in this run.</summary>
    public bool TryClaimMove(long imageId) => _moved.TryAdd(imageId, imageId);

    public bool WasMoved(long imageId) => _moved.ContainsKey(imageId);
}
