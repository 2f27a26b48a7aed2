using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Core.Tests.Imaging;

public sealed class DecodeMemoryBudgetTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_request_waits_until_enough_bytes_are_released()
    {
        var budget = new DecodeMemoryBudget(100);
        var held = await budget.TryAcquireAsync(70, TimeSpan.Zero);

        var waiting = budget.TryAcquireAsync(50, Long);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        held!.Dispose();
        using var granted = await waiting;

        Assert.NotNull(granted);
        Assert.Equal(50, budget.Available);
    }

    [Fact]
    public async Task A_request_that_cannot_get_its_share_in_time_gets_nothing_and_holds_nothing()
    {
        var budget = new DecodeMemoryBudget(100);
        using var held = await budget.TryAcquireAsync(80, TimeSpan.Zero);

        var refused = await budget.TryAcquireAsync(30, TimeSpan.FromMilliseconds(50));

        Assert.Null(refused);
        Assert.Equal(20, budget.Available);
        using var small = await budget.TryAcquireAsync(20, TimeSpan.Zero);
        Assert.NotNull(small);
    }

    [Fact]
    public async Task A_request_larger_than_the_budget_waits_for_the_whole_budget()
    {
        var budget = new DecodeMemoryBudget(100);
        var held = await budget.TryAcquireAsync(1, TimeSpan.Zero);

        var huge = budget.TryAcquireAsync(1_000_000, Long);
        await Task.Delay(50);
        Assert.False(huge.IsCompleted);
        held!.Dispose();
        using var granted = await huge;

        Assert.Equal(100, granted!.Bytes);
        Assert.Equal(0, budget.Available);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order_so_a_large_one_is_not_starved()
    {
        var budget = new DecodeMemoryBudget(100);
        var held = await budget.TryAcquireAsync(60, TimeSpan.Zero);
        var large = budget.TryAcquireAsync(90, Long);

        var small = await budget.TryAcquireAsync(30, TimeSpan.FromMilliseconds(50));

        Assert.Null(small); // 40 bytes are free, but the large request came first
        held!.Dispose();
        using var granted = await large;
        Assert.NotNull(granted);
    }

    [Fact]
    public async Task Disposing_a_lease_twice_releases_it_once()
    {
        var budget = new DecodeMemoryBudget(100);
        var lease = await budget.TryAcquireAsync(40, TimeSpan.Zero);

        lease!.Dispose();
        lease.Dispose();

        Assert.Equal(100, budget.Available);
    }
}
