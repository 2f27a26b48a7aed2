using System.Text.Json;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;
using Xunit.Abstractions;

namespace SemanticSearch.Crawler.Tests;

/// <summary>
/// Section 6 of the issue: `semsearch index` killed with SIGKILL at random points, restarted, and finished leaves a
/// consistent catalog and index: every image has a row, every indexed image is in the index exactly once and is
/// its own nearest neighbour, no duplicates.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 4;

    [Fact]
    public async Task Indexing_killed_at_random_points_ends_consistent_after_a_restart()
    {
        using var work = new TempDirectory("semsearch-crash");
        var gallery = work.Combine("gallery");
        var files = CopyGallery(gallery);
        var data = work.Combine("data");
        // Settings read from the working directory: save the index often (so kills land between saves and
        // mid-save), small batches, one decode worker to stretch the run, and no configured sources.
        File.WriteAllText(work.Combine("appsettings.json"), JsonSerializer.Serialize(new
        {
            SemanticSearch = new
            {
                DataDirectory = data,
                Model = new { Path = RepoPaths.DemoModel },
                Crawler = new { Workers = 1, BatchSize = 4, SaveEveryImages = 12, SaveIntervalSeconds = 1 },
                Sources = Array.Empty<object>(),
            },
        }));
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"{files.Count} images, random seed {seed}");

        var partial = new List<long>();
        for (var kill = 0; kill < Kills; kill++)
        {
            var thumbnailsBefore = CountThumbnails(data);
            using var process = CliProcess.Start(work.Path, "index", "--source", gallery);
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var exit = process.WaitForExitAsync();
            string when;
            if (kill == 0)
            {
                // Early: during start-up, catalog creation or discovery.
                var delay = random.Next(200, 2500);
                await Task.WhenAny(exit, Task.Delay(delay));
                when = $"{delay} ms after start";
            }
            else
            {
                // Start-up time varies with the machine's load, so wait for this run's first new thumbnail
                // (it is indexing now) and kill at a random point after it.
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!exit.IsCompleted && CountThumbnails(data) <= thumbnailsBefore && DateTime.UtcNow < deadline)
                    await Task.Delay(20);
                var delay = random.Next(0, 1500);
                await Task.WhenAny(exit, Task.Delay(delay));
                when = $"{delay} ms into indexing";
            }
            var exited = exit.IsCompleted;
            if (!exited)
                process.Kill(); // SIGKILL: no finally blocks, no flush, no index save.
            await process.WaitForExitAsync();
            var indexed = CountIndexed(data);
            partial.Add(exited ? -1 : indexed);
            output.WriteLine($"kill {kill + 1} {when}{(exited ? " (had already exited)" : "")}: {indexed} indexed so far");
        }

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(work.Path, TimeSpan.FromMinutes(2), "index", "--source", gallery);
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains(partial, n => n > 0 && n < files.Count); // At least one kill landed mid-run.

        using var h = CrawlerHarness.Create(dataPath: data);
        var source = Assert.Single(h.Catalog.GetSources(), s => s.Location == gallery);
        var known = h.Catalog.GetKnownImages(source.Id);
        // Nothing lost: every file has exactly one row, and it is indexed.
        Assert.Equal(files.Order(StringComparer.Ordinal), known.Keys.Order(StringComparer.Ordinal));
        Assert.All(known.Values, k => Assert.Equal(ImageStatus.Indexed, k.Status));
        var stats = h.Catalog.GetStats();
        Assert.Equal(files.Count, stats.Indexed); // No duplicate rows anywhere in the catalog.
        // Every indexed image searchable exactly once.
        Assert.Equal(files.Count, h.Index.Count);
        foreach (var image in known.Values)
        {
            Assert.True(h.Index.Contains(image.Id));
            var embedding = h.Catalog.GetEmbedding(image.Id)!;
            var matches = h.Index.Search(embedding, 10);
            Assert.Equal(matches.Count, matches.Select(m => m.Key).Distinct().Count());
            var self = Assert.Single(matches, m => m.Key == image.Id);
            Assert.True(self.Score > 0.999f, $"{image.Location}: self-similarity {self.Score}");
            Assert.Equal(matches[0].Score, self.Score, 3);
        }
    }

    private static List<string> CopyGallery(string target)
    {
        Directory.CreateDirectory(target);
        var demo = Directory.Exists(RepoPaths.DemoGallery)
            ? Directory.EnumerateFiles(RepoPaths.DemoGallery).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        if (demo.Count >= 50)
        {
            foreach (var file in demo)
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        else
        {
            // The demo gallery is generated by a tool; without it, made-up images of the same size keep the test meaningful.
            for (var i = 0; i < 200; i++)
                File.WriteAllBytes(Path.Combine(target, $"generated-{i:D3}.jpg"), TestImages.Jpeg(i, 224, 224));
        }
        return Directory.EnumerateFiles(target).ToList();
    }

    private static int CountThumbnails(string data)
    {
        var folder = Path.Combine(data, "thumbnails");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".tmp", StringComparison.Ordinal)) : 0;
    }

    /// <summary>Indexed rows right now, read straight from SQLite (no recovery, nothing written).</summary>
    private static long CountIndexed(string data)
    {
        var path = Path.Combine(data, "catalog.db");
        if (!File.Exists(path))
            return 0;
        using var catalog = new SemanticSearch.Storage.Catalog.CatalogStore(path);
        return catalog.GetStats().Indexed;
    }
}
