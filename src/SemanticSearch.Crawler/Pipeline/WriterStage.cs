using System.Diagnostics;
using System.Threading.Channels;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>
/// Stage 5, the only writer: stores whatever has arrived in one write through the catalog writer (which updates the
/// live index too), and saves the index every batch window. The catalog commits first, so a crash at any point leaves
/// the catalog ahead of the saved index, which the index store catches up from at the next start.
/// </summary>
internal sealed class WriterStage(ICatalogWriter writer, CrawlerOptions options)
{
    private const int MaxRowsPerTransaction = 256;

    public async Task RunAsync(RunContext run, ChannelReader<WriteItem> input)
    {
        var pending = new List<WriteItem>(MaxRowsPerTransaction);
        var lastSave = Stopwatch.GetTimestamp();
        var sinceSave = 0;
        try
        {
            while (await input.WaitToReadAsync(run.Token).ConfigureAwait(false))
            {
                while (pending.Count < MaxRowsPerTransaction && input.TryRead(out var item))
                    pending.Add(item);
                sinceSave += Commit(run, pending);
                if (sinceSave >= options.SaveEveryImages || Stopwatch.GetElapsedTime(lastSave).TotalSeconds >= options.SaveIntervalSeconds)
                {
                    Save(run);
                    sinceSave = 0;
                    lastSave = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (run.Token.IsCancellationRequested)
        {
            // Everything already handed to the writer is finished work: keep it rather than redo it next run.
            while (input.TryRead(out var item))
                pending.Add(item);
            Commit(run, pending);
            throw;
        }
    }

    /// <summary>Writes one transaction and returns the number of rows it stored.</summary>
    private int Commit(RunContext run, List<WriteItem> items)
    {
        if (items.Count == 0)
            return 0;
        var started = StageClock.Start();
        var batch = new CatalogBatch
        {
            Indexed = items.Where(i => i.Embedded is not null).Select(i => i.Embedded!).ToList(),
            Failed = items.Where(i => i.Failed is not null).Select(i => i.Failed!).ToList(),
            Moved = items.Where(i => i.Moved is not null).Select(i => i.Moved!).ToList(),
            Touched = items.Where(i => i.Touched is not null).Select(i => i.Touched!).ToList(),
        };
        writer.Write(batch);
        run.Timings.Add(PipelineStage.Write, started, items.Count);
        foreach (var item in items)
        {
            if (item.Embedded is not null || item.Moved is not null)
                run.Progress.OnIndexed(item.Reused);
            else if (item.Failed is { } failed)
                run.Progress.OnFailed(new CrawlFailure(failed.Location, failed.Kind, failed.Reason, DateTimeOffset.UtcNow));
        }
        var count = items.Count;
        items.Clear();
        return count;
    }

    private void Save(RunContext run)
    {
        var started = StageClock.Start();
        writer.Checkpoint();
        run.Timings.Add(PipelineStage.Write, started, 0);
    }
}
