using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Counts the images a run will work on, alongside the pipeline rather than inside it: discovery is held back by
/// the bounded channels (it can only run a queue ahead of the model), so without this count the total, the progress
/// fraction and the ETA were unknown until the run was nearly over. Folders are listed once more (a directory listing
/// and a stat per file; no file is read) and compared with the catalog rows the way change detection does; web
/// sources are estimated from the catalog's previous count (pages are fetched once only), or left unknown.
/// </summary>
internal sealed class WorkCounter(CrawlerOptions options, ICrawlCatalog catalog, ThumbnailStore thumbnails)
{
    public Task RunAsync(RunContext run) => Task.Run(() =>
    {
        try
        {
            var total = Count(run);
            if (total is { } known)
                run.Progress.OnCounted(known);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Only a display aid: the run's own stages report real problems; the total then stays unknown until
            // change detection has seen everything, as before.
        }
    });

    private long? Count(RunContext run)
    {
        long total = 0;
        foreach (var source in run.Sources)
        {
            run.Token.ThrowIfCancellationRequested();
            var known = run.Known.GetOrAdd(source.Id, catalog.GetKnownImages);
            if (source.Kind == SourceKind.Web)
            {
                // Pages are fetched once, by discovery; a first crawl of a site has no estimate.
                if (known.Count == 0)
                    return null;
                total += known.Count;
                continue;
            }
            // Problems are reported by discovery; this listing only counts.
            var report = new DiscoveryReport();
            foreach (var item in DiscoveryStage.ListFolder(run, source, options, report))
            {
                known.TryGetValue(item.Location, out var row);
                if (!ChangeDetectionStage.IsUnchanged(run, item, row, thumbnails))
                    total++;
            }
        }
        return total;
    }
}
