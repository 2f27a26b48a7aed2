using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Crawler.Tests.Infrastructure;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Pipeline;

/// <summary>
/// Finding 2 of "Safe to expose": the crawler and query uploads share one decode-memory budget. The crawler waits for
/// its share (uploads give up after a short wait), and a huge PNG is indexed from a reduced, row-by-row decode.
/// </summary>
public sealed class DecodeMemoryTests
{
    [Fact]
    public async Task The_crawler_waits_for_its_share_of_the_decode_budget_while_others_hold_it()
    {
        using var dir = new TempDirectory("semsearch-budget");
        File.WriteAllBytes(dir.Combine("huge.png"), LargePng.Create(6_000, 4_000));
        using var h = CrawlerHarness.Create();
        var source = h.AddFolder(dir.Path);
        var budget = h.Services.GetRequiredService<DecodeMemoryBudget>();

        var held = await budget.TryAcquireAsync(budget.Capacity, TimeSpan.Zero);
        var run = h.IndexAsync();
        await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2)));
        bool finishedWhileHeld = run.IsCompleted;
        held!.Dispose();
        var summary = await run;

        Assert.False(finishedWhileHeld, "the crawler decoded without its share of the budget");
        Assert.Equal(1, summary.Indexed);
        var row = Assert.Single(h.Rows(source.Id).Values);
        Assert.Equal((6_000, 4_000, "png"), (row.Width, row.Height, row.Format));
        Assert.Equal(budget.Capacity, budget.Available);
    }
}
