using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests;

public sealed class CrawlerBackgroundServiceTests
{
    [Fact]
    public async Task A_crash_of_the_crawler_loop_faults_its_task_so_the_host_can_report_it()
    {
        using var h = CrawlerHarness.Create(new Dictionary<string, string?> { ["SemanticSearch:Crawler:ScanOnStartup"] = "true" });
        var service = h.Services.GetServices<IHostedService>().OfType<CrawlerBackgroundService>().Single();
        // The catalog becomes unusable under the running loop (here: closed), so its first read throws.
        h.Catalog.Dispose();

        await service.StartAsync(CancellationToken.None);
        var stopped = await Record.ExceptionAsync(() => service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.IsType<ObjectDisposedException>(stopped);
        Assert.True(service.ExecuteTask!.IsFaulted);
    }

    [Fact]
    public async Task Scans_at_start_up_then_indexes_watched_changes_without_a_full_scan()
    {
        using var images = new TempDirectory("semsearch-watched");
        for (var i = 0; i < 3; i++)
            File.WriteAllBytes(images.Combine($"img-{i}.png"), TestImages.Png(i));
        using var configured = new TempDirectory("semsearch-configured");
        File.WriteAllBytes(configured.Combine("c.png"), TestImages.Png(50));
        using var h = CrawlerHarness.Create(new Dictionary<string, string?>
        {
            ["SemanticSearch:Crawler:ScanOnStartup"] = "true",
            ["SemanticSearch:Crawler:WatchDebounce"] = "00:00:00.300",
            ["SemanticSearch:Sources:0:Kind"] = "Folder",
            ["SemanticSearch:Sources:0:Location"] = configured.Path,
        });
        var watched = h.AddFolder(images.Path, watch: true);
        var service = h.Services.GetServices<IHostedService>().OfType<CrawlerBackgroundService>().Single();

        await service.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => h.Reindex.LastSummary is not null, "the start-up scan");
            await h.Reindex.WaitForIdleAsync();
            var startup = h.Reindex.LastSummary!;
            Assert.True(startup.Outcome == RunOutcome.Completed, startup.Error);
            Assert.Equal(4, startup.Indexed);
            Assert.Equal(4, h.Index.Count); // The watched folder and the configured source, merged into the catalog.
            Assert.Contains(h.Catalog.GetSources(), s => s.Location == configured.Path);
            Assert.Contains(watched.Id, service.WatchedSources);
            var before = h.Rows(watched.Id);

            h.Encoder.Reset();
            File.WriteAllBytes(images.Combine("new.png"), TestImages.Png(10));
            File.Move(images.Combine("img-0.png"), images.Combine("renamed.png"));
            File.Delete(images.Combine("img-1.png"));

            await Eventually.TrueAsync(() =>
            {
                var rows = h.Rows(watched.Id);
                return rows.ContainsKey(images.Combine("new.png")) && rows.ContainsKey(images.Combine("renamed.png"))
                    && !rows.ContainsKey(images.Combine("img-1.png")) && h.Index.Count == 4;
            }, "the watcher's changes in the catalog");
            await h.Reindex.WaitForIdleAsync();

            var after = h.Rows(watched.Id);
            Assert.Equal(before[images.Combine("img-0.png")].Id, after[images.Combine("renamed.png")].Id);
            Assert.Equal(1, h.Encoder.Images); // Only the new file met the model.
            Assert.Equal(ImageStatus.Deleted, h.Row(before[images.Combine("img-1.png")].Id).Status);
            Assert.Contains("watch", h.Catalog.GetRecentRuns(1)[0].Mode);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_watched_file_whose_name_is_not_UTF8_is_indexed_when_it_appears()
    {
        using var images = new TempDirectory("semsearch-watched-latin1");
        File.WriteAllBytes(images.Combine("first.png"), TestImages.Png(1));
        using var h = CrawlerHarness.Create(new Dictionary<string, string?>
        {
            ["SemanticSearch:Crawler:ScanOnStartup"] = "true",
            ["SemanticSearch:Crawler:WatchDebounce"] = "00:00:00.300",
        });
        var watched = h.AddFolder(images.Path, watch: true);
        var service = h.Services.GetServices<IHostedService>().OfType<CrawlerBackgroundService>().Single();

        await service.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => h.Reindex.LastSummary is not null, "the start-up scan");
            await h.Reindex.WaitForIdleAsync();

            // System.IO reports this name with U+FFFD for the byte 0xE9, a path that cannot be opened.
            Posix.WriteFileWithRawName(images.Path, [.. "caf"u8, 0xE9, .. ".png"u8], TestImages.Png(2));

            var escaped = images.Path + @"/caf\xE9.png";
            await Eventually.TrueAsync(() => h.Rows(watched.Id).TryGetValue(escaped, out var row) && row.Status == ImageStatus.Indexed,
                "the Latin-1 file indexed by the watcher");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}
