using System.Security.Cryptography;
using System.Text;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Pipeline;

/// <summary>
/// Section 6 of the issue: a corpus of bad inputs ends with every good image indexed and every bad one recorded with
/// a reason, and a second scan retries none of them. Tests run as root in CI, and root reads files whatever their
/// mode, so "unreadable" is made with what stops root too: a dangling symbolic link and a FIFO (never opened: it
/// would block); chmod 000 is added when not root.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Every_good_image_is_indexed_and_every_bad_one_recorded_with_a_reason()
    {
        using var dir = new TempDirectory("semsearch-bad-corpus");
        var good = new List<string>();
        void Good(string name, byte[] bytes)
        {
            File.WriteAllBytes(dir.Combine(name), bytes);
            good.Add(dir.Combine(name));
        }
        var expected = new Dictionary<string, string>(); // location → failure kind
        void Bad(string name, byte[] bytes, string kind)
        {
            File.WriteAllBytes(dir.Combine(name), bytes);
            expected[dir.Combine(name)] = kind;
        }

        Good("good-0.png", TestImages.Png(0));
        Good("good-1.jpg", TestImages.Jpeg(1));
        Good("good-2.png", TestImages.Png(2, 300, 200));
        Directory.CreateDirectory(dir.Combine("nested", "deeper"));
        Good(Path.Combine("nested", "deeper", "good-3.jpg"), TestImages.Jpeg(3));
        var longName = new string('l', 240) + ".jpg"; // 244 bytes: close to the 255-byte limit of Linux file names.
        Good(longName, TestImages.Jpeg(4));
        Good("ünïcødé 名前.png", TestImages.Png(5));

        var jpeg = TestImages.Jpeg(6, 200, 150);
        var png = TestImages.Png(7, 200, 150);
        Bad("zero-byte.jpg", [], "Empty");
        Bad("truncated.jpg", jpeg[..(jpeg.Length / 2)], "Corrupt");
        Bad("truncated.png", png[..(png.Length / 2)], "Corrupt");
        Bad("random.jpg", RandomNumberGenerator.GetBytes(4096), "NotAnImage");
        Bad("page.png", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>not an image</body></html>"), "NotAnImage");
        Bad("bomb-30000x30000.png", TestImages.PngBomb(30000, 30000), "TooManyPixels");
        Bad("huge.jpg", [.. jpeg, .. new byte[3 * 1024 * 1024]], "TooLarge");

        // Unreadable, in ways that also stop root.
        File.CreateSymbolicLink(dir.Combine("dangling.jpg"), "missing-target.jpg");
        expected[dir.Combine("dangling.jpg")] = "Unreadable";
        Posix.MakeFifo(dir.Combine("fifo.jpg"));
        expected[dir.Combine("fifo.jpg")] = "Empty";
        if (!Posix.IsRoot)
        {
            Bad("no-permission.jpg", TestImages.Jpeg(8), "Unreadable");
            File.SetUnixFileMode(dir.Combine("no-permission.jpg"), UnixFileMode.None);
        }
        // Symbolic link loops: a folder pointing at its parent, a file pointing at itself.
        Directory.CreateSymbolicLink(dir.Combine("nested", "loop"), "..");
        File.CreateSymbolicLink(dir.Combine("self.jpg"), "self.jpg");
        expected[dir.Combine("self.jpg")] = "Unreadable";
        // A name .NET cannot represent (not UTF-8): listed and opened by its bytes, stored with the byte escaped.
        Posix.WriteFileWithRawName(dir.Path, [.. "latin1-caf"u8, 0xE9, .. ".jpg"u8], TestImages.Jpeg(9));
        good.Add(dir.Path + @"/latin1-caf\xE9.jpg");

        using var h = CrawlerHarness.Create(new Dictionary<string, string?>
        {
            ["SemanticSearch:Crawler:MaxDownloadBytes"] = (2 * 1024 * 1024).ToString(),
        });
        var source = h.AddFolder(dir.Path);

        var run = await h.IndexAsync();

        var rows = h.Rows(source.Id);
        var failures = string.Join("\n", rows.Values.Where(r => r.Status == ImageStatus.Failed).Select(r => $"{Path.GetFileName(r.Location)}: {r.FailureKind}: {r.FailureReason}"));
        Assert.Equal(RunOutcome.Completed, run.Outcome);
        foreach (var location in good)
        {
            Assert.True(rows.TryGetValue(location, out var row), $"{location} has no row.\n{failures}");
            Assert.Equal(ImageStatus.Indexed, row.Status);
            Assert.True(h.Index.Contains(row.Id));
        }
        foreach (var (location, kind) in expected)
        {
            Assert.True(rows.TryGetValue(location, out var row), $"{location} has no row.\n{failures}");
            Assert.Equal(ImageStatus.Failed, row.Status);
            Assert.Equal(kind, row.FailureKind);
            Assert.False(string.IsNullOrWhiteSpace(row.FailureReason));
        }

        Assert.Equal(good.Count, run.Indexed);
        Assert.Equal(expected.Count, run.Failed);
        Assert.Equal(run.Failed, run.FailuresByKind.Values.Sum());
        Assert.Equal(good.Count, h.Index.Count);
        Assert.Contains(run.LastErrors, e => e.Kind == "SymlinkLoop"); // The folder loop is reported, not followed.

        // Nothing changed: nothing is retried, nothing meets the model.
        h.Encoder.Reset();
        var again = await h.IndexAsync();
        Assert.Equal((0L, 0L), (again.Indexed, again.Failed));
        Assert.Equal(good.Count + expected.Count, again.Skipped);
        Assert.Equal(0, h.Encoder.Calls);
    }

    [Fact]
    public async Task An_image_rewritten_while_being_read_is_read_again()
    {
        using var dir = new TempDirectory("semsearch-replaced");
        var path = dir.Combine("changing.png");
        File.WriteAllBytes(path, TestImages.Png(1));
        var replacement = TestImages.Png(2, 150, 100);
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(dir.Path);
        var rewrites = 0;
        h.Reader.AfterOpen = p =>
        {
            if (p == path && Interlocked.Increment(ref rewrites) == 1)
                File.WriteAllBytes(p, replacement); // Same file, new content, while our handle is open.
        };

        var run = await h.IndexAsync();

        Assert.Equal(1, run.Indexed);
        var row = h.Rows(source.Id)[path];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(replacement)), row.ContentHash);
        Assert.Equal((150, 100), (row.Width, row.Height));
        Assert.Equal(replacement.Length, row.Size);
    }

    [Fact]
    public async Task An_image_that_never_stops_changing_is_recorded_and_retried_later()
    {
        using var dir = new TempDirectory("semsearch-replaced");
        var path = dir.Combine("busy.png");
        File.WriteAllBytes(path, TestImages.Png(1));
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(dir.Path);
        var seed = 10;
        h.Reader.AfterOpen = p => File.WriteAllBytes(p, TestImages.Png(Interlocked.Increment(ref seed)));

        var run = await h.IndexAsync();

        Assert.Equal(1, run.Failed);
        var row = h.Rows(source.Id)[path];
        Assert.Equal("Unreadable", row.FailureKind);
        Assert.Contains("changing", row.FailureReason);

        h.Reader.AfterOpen = null; // It settles down: its new time makes the next scan retry it.
        var retry = await h.IndexAsync();
        Assert.Equal(1, retry.Indexed);
    }

    [Fact]
    public async Task An_image_replaced_by_rename_while_being_read_is_indexed_as_read_then_updated()
    {
        using var dir = new TempDirectory("semsearch-replaced");
        var path = dir.Combine("photo.png");
        var original = TestImages.Png(1);
        File.WriteAllBytes(path, original);
        var incoming = dir.Combine(".incoming.tmp");
        var newer = TestImages.Png(2);
        File.WriteAllBytes(incoming, newer);
        File.SetLastWriteTimeUtc(incoming, DateTime.UtcNow.AddMinutes(1));
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(dir.Path);
        h.Reader.AfterOpen = p =>
        {
            if (p == path && File.Exists(incoming))
                File.Move(incoming, p, overwrite: true); // Atomic replace: our open handle still reads the old file.
        };

        await h.IndexAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(original)), h.Rows(source.Id)[path].ContentHash);

        await h.IndexAsync(); // The new file has its own time: re-embedded.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(newer)), h.Rows(source.Id)[path].ContentHash);
    }
}
