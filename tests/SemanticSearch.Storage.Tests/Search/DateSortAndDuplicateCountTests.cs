using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Tests.Search;

/// <summary>Sort by date and the count of hidden near-duplicates, on the real catalog, index and demo model.</summary>
public sealed class DateSortAndDuplicateCountTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    [Fact]
    public async Task Date_sort_orders_the_relevant_window_newest_first()
    {
        const int window = 8;
        var service = fixture.Service(new SearchOptions { DateSortWindow = window });
        var relevance = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = window, HideNearDuplicates = false });
        var byDate = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = 30, HideNearDuplicates = false, Sort = SearchSort.Date });

        // The same most relevant images, no others ...
        Assert.Equal(relevance.Results.Select(h => h.Image.Id).Order(), byDate.Results.Select(h => h.Image.Id).Order());
        Assert.False(byDate.HasMore);
        // ... newest first: dated ones by date taken, then by modification time.
        for (var i = 1; i < byDate.Results.Count; i++)
        {
            var (before, after) = (byDate.Results[i - 1].Image, byDate.Results[i].Image);
            Assert.True(Key(before).CompareTo(Key(after)) >= 0, $"{before.Location} is before {after.Location}");
        }
        Assert.NotEqual(relevance.Results.Select(h => h.Image.Id), byDate.Results.Select(h => h.Image.Id));
    }

    [Fact]
    public async Task Date_sort_pages_through_the_same_ordered_window()
    {
        var service = fixture.Service(new SearchOptions { DateSortWindow = 10 });
        var all = await service.SearchAsync(new SearchQuery { Text = "a rocket", Limit = 10, Sort = SearchSort.Date, HideNearDuplicates = false });
        var second = await service.SearchAsync(new SearchQuery { Text = "a rocket", Limit = 4, Offset = 4, Sort = SearchSort.Date, HideNearDuplicates = false });
        Assert.Equal(all.Results.Skip(4).Take(4).Select(h => h.Image.Id), second.Results.Select(h => h.Image.Id));
        Assert.True(second.HasMore);
    }

    [Fact]
    public async Task The_response_counts_the_near_duplicates_it_hid()
    {
        var service = fixture.Service();
        var all = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = 30, HideNearDuplicates = false });
        var deduplicated = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = 30 });
        Assert.Equal(all.Results.Count - deduplicated.Results.Count, deduplicated.HiddenDuplicates);
        Assert.True(deduplicated.HiddenDuplicates > 0, "the fixtures hold the same photos in several formats");
        Assert.Equal(0, all.HiddenDuplicates);

        // A first page counts only what was hidden above its last result.
        var page = await service.SearchAsync(new SearchQuery { Text = "a cat", Limit = 3 });
        var lastShown = all.Results.Select(h => h.Image.Id).ToList().IndexOf(page.Results[^1].Image.Id);
        Assert.Equal(lastShown + 1 - page.Results.Count, page.HiddenDuplicates);
    }

    private static (bool Dated, DateTimeOffset Taken, DateTimeOffset Modified) Key(Core.Catalog.CatalogImage image) =>
        (image.DateTaken is not null, image.DateTaken ?? DateTimeOffset.MinValue, image.Modified);
}
