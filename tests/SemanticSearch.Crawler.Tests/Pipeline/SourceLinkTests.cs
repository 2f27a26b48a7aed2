using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Pipeline;

/// <summary>Issue 7, finding 1, crawler side: links out of a source are not indexed unless that source allows it.</summary>
public sealed class SourceLinkTests
{
    [Fact]
    public async Task An_indexed_file_replaced_by_a_link_out_of_the_source_is_deleted_by_the_next_scan()
    {
        using var outside = new TempDirectory("semsearch-outside");
        File.WriteAllBytes(outside.Combine("private.png"), TestImages.Png(1));
        using var dir = new TempDirectory("semsearch-links");
        File.WriteAllBytes(dir.Combine("a.png"), TestImages.Png(2));
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(dir.Path);
        var first = await h.IndexAsync();
        var id = h.Rows(source.Id)[dir.Combine("a.png")].Id;
        Assert.Equal(1, first.Indexed);

        File.Delete(dir.Combine("a.png"));
        File.CreateSymbolicLink(dir.Combine("a.png"), outside.Combine("private.png"));
        var second = await h.IndexAsync();

        Assert.Equal(ImageStatus.Deleted, h.Row(id).Status);
        Assert.Equal(0, h.Index.Count);
        Assert.Contains(second.LastErrors, e => e.Kind == "LinkOutsideSource" && e.Location == dir.Combine("a.png"));
    }

    [Fact]
    public async Task A_source_listed_in_FollowLinksOutside_indexes_what_its_links_lead_to()
    {
        using var outside = new TempDirectory("semsearch-outside");
        File.WriteAllBytes(outside.Combine("shared.png"), TestImages.Png(3));
        using var dir = new TempDirectory("semsearch-links");
        Directory.CreateSymbolicLink(dir.Combine("shared"), outside.Path);
        using var h = CrawlerHarness.Create(new Dictionary<string, string?>
        {
            ["SemanticSearch:Crawler:FollowLinksOutside:0"] = dir.Path + "/",
        });
        var source = h.AddFolder(dir.Path);

        var run = await h.IndexAsync();

        Assert.Equal(1, run.Indexed);
        Assert.Equal(ImageStatus.Indexed, h.Rows(source.Id)[dir.Combine("shared", "shared.png")].Status);
    }
}
