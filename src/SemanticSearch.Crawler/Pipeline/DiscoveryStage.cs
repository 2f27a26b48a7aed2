using System.Diagnostics;
using System.Threading.Channels;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Sources;
using SemanticSearch.Crawler.Web;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>Stage 1: lists every source of the run (or a watcher's changed paths) into the pipeline, one source after another.</summary>
internal sealed class DiscoveryStage(CrawlerOptions options, WebFetcher fetcher)
{
    public async Task RunAsync(RunContext run, ChannelWriter<DiscoveredItem> output)
    {
        var ct = run.Token;
        var robots = new RobotsCache(fetcher, options.UserAgent);
        var web = new WebScanner(fetcher, options);
        foreach (var source in run.Sources)
        {
            var report = run.ReportFor(source.Id);
            if (source.Kind == SourceKind.Folder)
            {
                using var enumerator = ListFolder(run, source, options, report).GetEnumerator();
                while (true)
                {
                    // Time the listing only, not the waits on a full channel (that is back-pressure, not discovery).
                    var started = StageClock.Start();
                    if (!enumerator.MoveNext())
                        break;
                    run.Timings.Add(PipelineStage.Discover, started);
                    await EmitAsync(run, output, enumerator.Current).ConfigureAwait(false);
                }
            }
            else
            {
                var enumerator = web.ScanAsync(source, robots, report, ct).GetAsyncEnumerator(ct);
                await using (enumerator.ConfigureAwait(false))
                {
                    while (true)
                    {
                        var started = StageClock.Start();
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                            break;
                        run.Timings.Add(PipelineStage.Discover, started);
                        await EmitAsync(run, output, enumerator.Current).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The images of a folder source this run looks at: the whole folder, or only a watcher's changed paths. Shared
    /// with <see cref="WorkCounter"/> so the count ahead of the run lists exactly what discovery will.
    /// </summary>
    internal static IEnumerable<DiscoveredItem> ListFolder(RunContext run, CatalogSource source, CrawlerOptions options, DiscoveryReport report)
    {
        var scanner = new FolderScanner(
            new ImageFileFilter(options.EffectiveImageExtensions, source.Include, source.Exclude),
            options.MayFollowLinksOutside(source.Location));
        var changes = run.Request.Changes?.Where(c => c.SourceId == source.Id).ToList();
        return changes is null || changes.Any(c => c.RescanSource)
            ? scanner.Scan(source.Id, source.Location, report, run.Token)
            : scanner.ScanPaths(source.Id, source.Location, changes.SelectMany(c => c.Paths).Distinct(StringComparer.Ordinal), report, run.Token);
    }

    private static async Task EmitAsync(RunContext run, ChannelWriter<DiscoveredItem> output, DiscoveredItem item)
    {
        run.Progress.OnDiscovered();
        await output.WriteAsync(item, run.Token).ConfigureAwait(false);
    }
}
