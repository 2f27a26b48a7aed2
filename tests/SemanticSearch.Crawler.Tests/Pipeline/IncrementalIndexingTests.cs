using System.Security.Cryptography;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Pipeline;

public sealed class IncrementalIndexingTests
{
    private static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static TempDirectory Gallery(int count)
    {
        var dir = new TempDirectory("semsearch-crawl-images");
        for (var i = 0; i < count; i++)
            File.WriteAllBytes(dir.Combine($"img-{i}.png"), TestImages.Png(i));
        return dir;
    }

    [Fact]
    public async Task First_run_indexes_everything_with_thumbnails_and_metadata()
    {
        using var images = Gallery(5);
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(images.Path);

        var run = await h.IndexAsync();

        Assert.Equal(RunOutcome.Completed, run.Outcome);
        Assert.Equal(5, run.Discovered);
        Assert.Equal(5, run.Indexed);
        Assert.Equal(0, run.Failed);
        Assert.Equal(5, h.Encoder.Images);
        Assert.Equal(5, h.Index.Count);
        foreach (var row in h.Rows(source.Id).Values)
        {
            Assert.Equal(ImageStatus.Indexed, row.Status);
            Assert.Equal(Hash(row.Location), row.ContentHash);
            Assert.Equal((96, 64, "png"), (row.Width, row.Height, row.Format));
            Assert.Equal(new FileInfo(row.Location).Length, row.Size);
            Assert.NotNull(row.ThumbnailPath);
            Assert.False(Path.IsPathRooted(row.ThumbnailPath));
            Assert.True(File.Exists(Path.Combine(h.DataPath, row.ThumbnailPath)), row.ThumbnailPath);
            Assert.True(h.Index.Contains(row.Id));
            // Its own stored embedding finds it with the best score (ties are possible: the demo model is tiny).
            var matches = h.Index.Search(h.Catalog.GetEmbedding(row.Id)!, 5);
            var self = Assert.Single(matches, m => m.Key == row.Id);
            Assert.Equal(matches[0].Score, self.Score, 3);
        }
        Assert.NotNull(h.Catalog.GetIndexCheckpoint());
        Assert.Equal("completed", h.Catalog.GetRecentRuns(1)[0].Outcome);
    }

    [Fact]
    public async Task Missing_thumbnails_are_made_again_by_the_next_incremental_scan_without_the_model()
    {
        using var images = Gallery(4);
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(images.Path);
        await h.IndexAsync();
        Directory.Delete(Path.Combine(h.DataPath, "thumbnails"), recursive: true);
        h.Encoder.Reset();

        var run = await h.IndexAsync();

        Assert.Equal(RunOutcome.Completed, run.Outcome);
        Assert.Equal(0, h.Encoder.Images);
        Assert.Equal(4, run.Skipped);
        foreach (var row in h.Rows(source.Id).Values)
            Assert.True(File.Exists(Path.Combine(h.DataPath, row.ThumbnailPath!)), row.ThumbnailPath);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_data_folder_that_cannot_be_written_ends_the_run_as_failed_with_the_reason()
    {
        using var images = Gallery(3);
        using var h = CrawlerHarness.Create();
        h.AddFolder(images.Path);
        var thumbnails = Path.Combine(h.DataPath, "thumbnails");
        // Root ignores permissions, so there the folder is made immutable; anyone else loses write permission.
        var root = Environment.UserName == "root";
        if (root)
            await ChattrAsync("+i", thumbnails);
        else
            File.SetUnixFileMode(thumbnails, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var run = await h.IndexAsync();

            Assert.Equal(RunOutcome.Failed, run.Outcome);
            Assert.Contains("data folder cannot be written", run.Error);
            Assert.StartsWith("failed: ", h.Catalog.GetRecentRuns(1)[0].Outcome);
        }
        finally
        {
            if (root)
                await ChattrAsync("-i", thumbnails);
            else
                File.SetUnixFileMode(thumbnails, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task ChattrAsync(string flag, string path)
    {
        using var chattr = System.Diagnostics.Process.Start("chattr", [flag, path])!;
        await chattr.WaitForExitAsync();
        Assert.True(chattr.ExitCode == 0, $"chattr {flag} {path} failed: as root this test needs CAP_LINUX_IMMUTABLE, or run it as another user.");
    }

    [Fact]
    public async Task Unchanged_is_skipped_changed_reembedded_moved_keeps_its_embedding_deleted_leaves_the_index()
    {
        using var images = Gallery(6);
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(images.Path);
        await h.IndexAsync();
        var before = h.Rows(source.Id);

        // Unchanged: nothing is read by the model.
        h.Encoder.Reset();
        var unchanged = await h.IndexAsync();
        Assert.Equal((6L, 0L, 0L), (unchanged.Skipped, unchanged.Indexed, unchanged.Failed));
        Assert.Equal(0, h.Encoder.Calls);

        var changed = images.Combine("img-0.png");
        File.WriteAllBytes(changed, TestImages.Png(100, 120, 80));
        File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddMinutes(1));
        Directory.CreateDirectory(images.Combine("sub"));
        var moved = images.Combine("sub", "renamed.png");
        File.Move(images.Combine("img-1.png"), moved);
        File.Delete(images.Combine("img-2.png"));
        var touched = images.Combine("img-3.png");
        File.SetLastWriteTimeUtc(touched, DateTime.UtcNow.AddMinutes(2)); // New time, same bytes.
        File.Copy(images.Combine("img-4.png"), images.Combine("copy-of-4.png"));

        h.Encoder.Reset();
        var run = await h.IndexAsync();

        Assert.Equal(RunOutcome.Completed, run.Outcome);
        Assert.Equal(1, h.Encoder.Images); // Only the changed file met the model.
        Assert.Equal(3, run.Indexed);      // changed + moved + copied
        Assert.Equal(2, run.Reused);       // moved + copied
        Assert.Equal(1, run.Deleted);
        Assert.Equal(0, run.Failed);
        var after = h.Rows(source.Id);

        var changedRow = after[changed];
        Assert.Equal(before[changed].Id, changedRow.Id); // Updated in place.
        Assert.Equal(Hash(changed), changedRow.ContentHash);
        Assert.Equal((120, 80), (changedRow.Width, changedRow.Height));

        var movedRow = after[moved];
        var original = before[images.Combine("img-1.png")];
        Assert.Equal(original.Id, movedRow.Id);
        Assert.Equal(ImageStatus.Indexed, movedRow.Status);
        Assert.Equal(h.Catalog.GetEmbedding(original.Id), h.Catalog.GetEmbedding(movedRow.Id));
        Assert.False(after.ContainsKey(images.Combine("img-1.png")));

        var deleted = h.Row(before[images.Combine("img-2.png")].Id);
        Assert.Equal(ImageStatus.Deleted, deleted.Status);
        Assert.False(h.Index.Contains(deleted.Id));

        var touchedRow = after[touched];
        Assert.Equal(before[touched].Id, touchedRow.Id);
        Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(touched)).ToUnixTimeMilliseconds(), touchedRow.Modified.ToUnixTimeMilliseconds());

        var copy = after[images.Combine("copy-of-4.png")];
        Assert.NotEqual(before[images.Combine("img-4.png")].Id, copy.Id);
        Assert.Equal(ImageStatus.Indexed, copy.Status);
        Assert.Equal(before[images.Combine("img-4.png")].ThumbnailPath, copy.ThumbnailPath);

        Assert.Equal(6, h.Index.Count); // 0, 1 (moved), 3, 4, 5, copy
        h.Encoder.Reset();
        var again = await h.IndexAsync();
        Assert.Equal((6L, 0L, 0L, 0L), (again.Skipped, again.Indexed, again.Failed, again.Deleted));
        Assert.Equal(0, h.Encoder.Calls);
    }

    [Fact]
    public async Task Full_rebuild_reembeds_everything_from_the_originals_and_keeps_ids()
    {
        using var images = Gallery(4);
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(images.Path);
        await h.IndexAsync();
        var ids = h.Rows(source.Id).Values.Select(r => r.Id).Order().ToList();

        h.Encoder.Reset();
        var run = await h.IndexAsync(ReindexMode.Full);

        Assert.Equal(4, run.Indexed);
        Assert.Equal(0, run.Reused);
        Assert.Equal(4, h.Encoder.Images);
        Assert.Equal(ids, h.Rows(source.Id).Values.Select(r => r.Id).Order());
        Assert.Equal(4, h.Index.Count);
    }

    [Fact]
    public async Task A_different_model_reembeds_everything()
    {
        using var images = Gallery(3);
        using var data = new TempDirectory("semsearch-crawl-data");
        using (var first = CrawlerHarness.Create(dataPath: data.Path))
        {
            first.AddFolder(images.Path);
            await first.IndexAsync();
        }
        using var second = CrawlerHarness.Create(dataPath: data.Path, modelId: "clip-demo-retrained");

        var run = await second.IndexAsync();

        Assert.Equal(3, run.Indexed);
        Assert.Equal(0, run.Reused); // Never an embedding of the old model.
        Assert.Equal(3, second.Encoder.Images);
        Assert.Equal("clip-demo-retrained", second.Catalog.GetModel()!.ModelId);
        Assert.Equal(3, second.Index.Count);
    }

    [Fact]
    public async Task A_failed_file_is_retried_only_when_it_changes()
    {
        using var images = Gallery(1);
        var bad = images.Combine("bad.jpg");
        File.WriteAllBytes(bad, RandomNumberGenerator.GetBytes(5000));
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(images.Path);

        var first = await h.IndexAsync();
        Assert.Equal((1L, 1L), (first.Indexed, first.Failed));
        Assert.Equal("NotAnImage", h.Rows(source.Id)[bad].FailureKind);

        var second = await h.IndexAsync();
        Assert.Equal((0L, 0L, 2L), (second.Indexed, second.Failed, second.Skipped));

        File.WriteAllBytes(bad, TestImages.Jpeg(5));
        File.SetLastWriteTimeUtc(bad, DateTime.UtcNow.AddMinutes(1));
        var third = await h.IndexAsync();
        Assert.Equal((1L, 0L), (third.Indexed, third.Failed));
        var row = h.Rows(source.Id)[bad];
        Assert.Equal(ImageStatus.Indexed, row.Status);
        Assert.Null(row.FailureKind);
    }

    [Fact]
    public async Task Include_and_exclude_globs_limit_what_is_indexed()
    {
        using var images = Gallery(2);
        Directory.CreateDirectory(images.Combine("drafts"));
        File.WriteAllBytes(images.Combine("drafts", "d.png"), TestImages.Png(40));
        File.WriteAllBytes(images.Combine("photo.jpg"), TestImages.Jpeg(41));
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(images.Path, include: ["**/*.png"], exclude: ["drafts/**"]);

        await h.IndexAsync();

        Assert.Equal([images.Combine("img-0.png"), images.Combine("img-1.png")], h.Rows(source.Id).Keys.Order());
    }
}
