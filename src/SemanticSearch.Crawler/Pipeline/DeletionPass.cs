using System.Diagnostics;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// After a complete scan: catalog images that were not found again are marked deleted and leave the index.
/// Sources (or folders, pages) that could not be fully read are left alone, and images that moved in this run
/// are not deleted at their old location.
/// </summary>
internal sealed class DeletionPass(ICrawlCatalog catalog, ICatalogWriter writer)
{
    private const int ChunkSize = 1000;

    public int Run(RunContext run)
    {
        var started = StageClock.Start();
        var vanished = new List<long>();
        foreach (var source in run.Sources)
        {
            var report = run.ReportFor(source.Id);
            if (!report.Complete)
                continue;
            var known = run.Known.GetOrAdd(source.Id, catalog.GetKnownImages);
            var changes = run.Request.Changes?.Where(c => c.SourceId == source.Id).ToList();
            IEnumerable<KnownImage> gone;
            if (changes is not null && !changes.Any(c => c.RescanSource))
            {
                // A watcher run only knows about the paths it was told of.
                var missing = changes.SelectMany(c => c.Paths).Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
                gone = known.Values.Where(k => missing.Any(p => k.Location == p || k.Location.StartsWith(p + "/", StringComparison.Ordinal)));
            }
            else
            {
                gone = known.Values.Where(k => !run.WasSeen(source.Id, k.Location) && !report.IsUnseen(k.Location));
            }
            vanished.AddRange(gone.Where(k => !run.WasMoved(k.Id)).Select(k => k.Id));
        }
        foreach (var chunk in vanished.Chunk(ChunkSize))
        {
            run.Token.ThrowIfCancellationRequested();
            writer.Write(new CatalogBatch { Deleted = chunk });
            run.Progress.OnDeleted(chunk.Length);
        }
        run.Timings.Add(PipelineStage.Write, started, 0);
        return vanished.Count;
    }
}
