using System.Diagnostics;
using System.Threading.Channels;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Stage 2: compares each discovered file with its catalog row. Same size and time as an indexed (or failed) row:
/// nothing to do, unless its thumbnail has gone missing (the worker then makes it again, without the model).
/// Everything else goes to the workers, which may still find the content unchanged by its hash.
/// </summary>
internal sealed class ChangeDetectionStage(ICrawlCatalog catalog, ThumbnailStore thumbnails)
{
    public async Task RunAsync(RunContext run, ChannelReader<DiscoveredItem> input, ChannelWriter<WorkItem> output)
    {
        await foreach (var item in input.ReadAllAsync(run.Token).ConfigureAwait(false))
        {
            var started = StageClock.Start();
            var known = run.Known.GetOrAdd(item.SourceId, catalog.GetKnownImages);
            run.MarkSeen(item);
            known.TryGetValue(item.Location, out var row);
            var unchanged = IsUnchanged(run, item, row, thumbnails);
            run.Timings.Add(PipelineStage.ChangeDetect, started);
            if (unchanged)
            {
                run.Progress.OnSkipped(afterQueueing: false);
                continue;
            }
            run.Progress.OnQueued();
            await output.WriteAsync(new WorkItem(item, row), run.Token).ConfigureAwait(false);
        }
        run.Progress.OnDetectionDone();
    }

    /// <summary>
    /// True when <paramref name="item"/> needs no work. Shared with <see cref="WorkCounter"/>, so the count made ahead
    /// of the run and the work this stage queues agree.
    /// </summary>
    internal static bool IsUnchanged(RunContext run, DiscoveredItem item, KnownImage? row, ThumbnailStore thumbnails) =>
        !run.Full
        && item.Kind == SourceKind.Folder
        && row is { Status: ImageStatus.Indexed or ImageStatus.Failed }
        && !(row.Status == ImageStatus.Failed && run.Request.Retries(row))
        && row.Size == item.Size
        && item.Modified is { } modified
        && Timestamps.Normalize(row.Modified) == modified
        && !(row is { Status: ImageStatus.Indexed, ContentHash: { } hash } && !thumbnails.Exists(hash));
}
