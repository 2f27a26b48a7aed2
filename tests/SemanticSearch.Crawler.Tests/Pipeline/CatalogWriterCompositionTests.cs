using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Pipeline;

/// <summary>The catalog writer as the shared composition (AddStorage) hands it out, over what a real crawl indexed.</summary>
public sealed class CatalogWriterCompositionTests
{
    private static TempDirectory Gallery(int first, int count)
    {
        var dir = new TempDirectory("semsearch-crawl-images");
        for (var i = first; i < first + count; i++)
            File.WriteAllBytes(dir.Combine($"img-{i}.png"), TestImages.Png(i));
        return dir;
    }

    [Fact]
    public async Task Removing_a_crawled_source_through_the_composed_writer_takes_only_its_images_out_of_the_index()
    {
        using var kept = Gallery(0, 3);
        using var removed = Gallery(3, 4);
        using var h = CrawlerHarness.Create();
        var keptSource = h.AddFolder(kept.Path);
        var removedSource = h.AddFolder(removed.Path);
        await h.IndexAsync();
        var removedIds = h.Rows(removedSource.Id).Values.Select(r => r.Id).ToList();
        Assert.Equal(7, h.Index.Count);

        var result = h.Services.GetRequiredService<ICatalogWriter>().RemoveSource(removedSource.Id);

        Assert.Equal(4, result.Changes.Count(c => c.IsRemoval));
        Assert.Equal(3, h.Index.Count);
        Assert.All(removedIds, id => Assert.False(h.Index.Contains(id)));
        foreach (var row in h.Rows(keptSource.Id).Values)
            Assert.Contains(h.Index.Search(h.Catalog.GetEmbedding(row.Id)!, 3), m => m.Key == row.Id);
    }
}
