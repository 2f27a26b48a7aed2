using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler.Sources;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Sources;

public sealed class FolderScannerTests
{
    private static readonly string[] Extensions = ["jpg", "jpeg", "png", "gif", "webp", "bmp"];

    private static (List<DiscoveredItem> Items, List<CrawlFailure> Issues, DiscoveryReport Report) Scan(string root)
    {
        var issues = new List<CrawlFailure>();
        var report = new DiscoveryReport(issues.Add);
        var items = new FolderScanner(new ImageFileFilter(Extensions, [], [])).Scan(7, root, report, CancellationToken.None).ToList();
        return (items, issues, report);
    }

    [Fact]
    public void Finds_images_recursively_in_name_order_with_size_and_time()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("b", "deep"));
        File.WriteAllBytes(dir.Combine("b", "deep", "z.png"), [1, 2, 3]);
        File.WriteAllBytes(dir.Combine("a.jpg"), [1]);
        File.WriteAllBytes(dir.Combine("c.PNG"), [1, 2]);
        File.WriteAllText(dir.Combine("notes.txt"), "x");

        var (items, issues, report) = Scan(dir.Path);

        // Files of a folder in name order, then its subfolders.
        Assert.Equal([dir.Combine("a.jpg"), dir.Combine("c.PNG"), dir.Combine("b", "deep", "z.png")], items.Select(i => i.Location));
        Assert.All(items, i => Assert.Equal(7, i.SourceId));
        Assert.Equal(3, items.Single(i => i.Location.EndsWith("z.png")).Size);
        Assert.Empty(issues);
        Assert.True(report.Complete);
    }

    [Fact]
    public void Symbolic_link_loops_end_and_are_reported()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("sub"));
        File.WriteAllBytes(dir.Combine("sub", "a.jpg"), [1]);
        Directory.CreateSymbolicLink(dir.Combine("sub", "up"), "..");
        Directory.CreateSymbolicLink(dir.Combine("loop"), ".");
        File.CreateSymbolicLink(dir.Combine("self.jpg"), "self.jpg");
        File.CreateSymbolicLink(dir.Combine("broken.jpg"), "nowhere.jpg");

        var (items, issues, _) = Scan(dir.Path);

        Assert.Single(items, i => i.Location.EndsWith("a.jpg") && i.FailureKind is null);
        Assert.Equal(2, issues.Count(i => i.Kind == "SymlinkLoop"));
        var self = Assert.Single(items, i => i.Location.EndsWith("self.jpg"));
        Assert.Equal("Unreadable", self.FailureKind);
        Assert.Contains("link", self.FailureReason);
        var broken = Assert.Single(items, i => i.Location.EndsWith("broken.jpg"));
        Assert.Equal("Unreadable", broken.FailureKind);
        Assert.Contains("does not exist", broken.FailureReason);
    }

    [Fact]
    public void A_name_that_is_not_UTF8_is_listed_by_its_bytes_with_those_bytes_escaped()
    {
        using var dir = new TempDirectory();
        var png = TestImages.Png(1);
        Posix.WriteFileWithRawName(dir.Path, [.. "bad"u8, 0xFF, 0xFE, .. ".jpg"u8], png);

        var (items, issues, _) = Scan(dir.Path);

        var item = Assert.Single(items);
        Assert.Equal(dir.Path + @"/bad\xFF\xFE.jpg", item.Location);
        Assert.Null(item.FailureKind);
        Assert.Equal(png.Length, item.Size);
        Assert.Empty(issues);
    }

    [Fact]
    public void A_link_to_a_file_outside_the_source_is_not_followed()
    {
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.Combine("secret.jpg"), TestImages.Jpeg(1));
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("own.jpg"), TestImages.Jpeg(2));
        File.CreateSymbolicLink(dir.Combine("passwd.jpg"), "/etc/passwd");
        File.CreateSymbolicLink(dir.Combine("secret.jpg"), outside.Combine("secret.jpg"));

        var (items, issues, _) = Scan(dir.Path);

        Assert.Equal([dir.Combine("own.jpg")], items.Select(i => i.Location));
        Assert.Equal(2, issues.Count(i => i.Kind == FolderScanner.LinkOutsideSource));
        Assert.Contains(issues, i => i.Reason.Contains("/etc/passwd"));
    }

    [Fact]
    public void A_link_to_a_folder_outside_the_source_is_not_followed()
    {
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.Combine("elsewhere.jpg"), TestImages.Jpeg(1));
        using var dir = new TempDirectory();
        Directory.CreateSymbolicLink(dir.Combine("linked"), outside.Path);
        Directory.CreateSymbolicLink(dir.Combine("etc"), "/etc");

        var (items, issues, _) = Scan(dir.Path);

        Assert.Empty(items);
        Assert.Equal(2, issues.Count(i => i.Kind == FolderScanner.LinkOutsideSource));
    }

    [Fact]
    public void Links_that_stay_inside_the_source_are_followed()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("real"));
        File.WriteAllBytes(dir.Combine("real", "a.jpg"), TestImages.Jpeg(1));
        File.CreateSymbolicLink(dir.Combine("alias.jpg"), dir.Combine("real", "a.jpg"));
        Directory.CreateSymbolicLink(dir.Combine("view"), "real");

        var (items, issues, _) = Scan(dir.Path);

        Assert.Contains(items, i => i.Location == dir.Combine("alias.jpg") && i.FailureKind is null);
        Assert.Contains(items, i => i.Location == dir.Combine("real", "a.jpg"));
        Assert.DoesNotContain(issues, i => i.Kind == FolderScanner.LinkOutsideSource);
    }

    [Fact]
    public void Links_outside_are_followed_when_the_source_allows_it()
    {
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.Combine("elsewhere.jpg"), TestImages.Jpeg(1));
        using var dir = new TempDirectory();
        Directory.CreateSymbolicLink(dir.Combine("linked"), outside.Path);
        var issues = new List<CrawlFailure>();

        var items = new FolderScanner(new ImageFileFilter(Extensions, [], []), followLinksOutside: true)
            .Scan(7, dir.Path, new DiscoveryReport(issues.Add), CancellationToken.None).ToList();

        Assert.Equal([dir.Combine("linked", "elsewhere.jpg")], items.Select(i => i.Location));
        Assert.Empty(issues);
    }

    [Fact]
    public void An_unreadable_folder_is_reported_and_protected_from_deletion()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("locked"));
        File.WriteAllBytes(dir.Combine("locked", "a.jpg"), [1]);
        File.WriteAllBytes(dir.Combine("ok.jpg"), [1]);
        File.SetUnixFileMode(dir.Combine("locked"), UnixFileMode.None);
        try
        {
            var (items, issues, report) = Scan(dir.Path);
            if (Posix.IsRoot)
            {
                // root lists any folder whatever its mode: nothing to report, both files found.
                Assert.Equal(2, items.Count);
                return;
            }
            Assert.Single(items);
            var issue = Assert.Single(issues);
            Assert.Contains("could not be listed", issue.Reason);
            Assert.True(report.IsUnseen(dir.Combine("locked", "a.jpg")));
            Assert.False(report.IsUnseen(dir.Combine("ok.jpg")));
        }
        finally
        {
            File.SetUnixFileMode(dir.Combine("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_missing_root_makes_the_scan_incomplete()
    {
        var (items, issues, report) = Scan("/nonexistent/semsearch-" + Guid.NewGuid());
        Assert.Empty(items);
        Assert.False(report.Complete);
        Assert.Contains("does not exist", Assert.Single(issues).Reason);
    }
}
