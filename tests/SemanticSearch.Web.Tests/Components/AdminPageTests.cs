using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Components.Pages;

namespace SemanticSearch.Web.Tests.Components;

public sealed class AdminPageTests : IDisposable
{
    private readonly WebComponentContext _context = new(signedInAdmin: true);

    [Fact]
    public async Task Progress_pushed_by_the_crawler_updates_the_bar_until_the_end()
    {
        var page = _context.Render<Admin>();
        Assert.Equal("0", page.Find("#index-progress").GetAttribute("aria-valuenow"));
        // The catalog's figures arrive with a render after the page's off-circuit read.
        page.WaitForAssertion(() => Assert.Equal("30", page.Find("#stat-indexed").TextContent));
        // The model that answers searches (the model service's), as /api/status reports it.
        Assert.Equal(_context.Model.ModelId, page.Find("#model-in-use").TextContent);

        await page.Find("#reindex-full").ClickAsync(new MouseEventArgs());
        await page.WaitForElement("#confirm-full-yes").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal([ReindexMode.Full], _context.Reindex.Started));
        page.WaitForAssertion(() => Assert.Equal("Full rebuild started.", page.Find("#admin-message").TextContent));
        page.WaitForAssertion(() => Assert.True(page.Find("#reindex-full").HasAttribute("disabled")));
        page.WaitForAssertion(() => Assert.False(page.Find("#reindex-cancel").HasAttribute("disabled")));

        _context.Reindex.Publish(new CrawlProgress
        {
            State = CrawlState.Running, Mode = ReindexMode.Full, Phase = "indexing", ToProcess = 30, Indexed = 15, Processed = 15,
            ImagesPerSecond = 20, Eta = TimeSpan.FromSeconds(1),
        });
        page.WaitForAssertion(() => Assert.Equal("50", page.Find("#index-progress").GetAttribute("aria-valuenow")), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Equal("20 images/s", page.Find("#progress-rate").TextContent));

        _context.Reindex.Publish(new CrawlProgress
        {
            State = CrawlState.Idle, Mode = ReindexMode.Full, Phase = "idle", ToProcess = 30, Indexed = 29, Failed = 1, Processed = 30,
            FinishedAt = DateTimeOffset.UtcNow,
            LastErrors = [new CrawlFailure("/photos/broken.jpg", "corrupt", "The JPEG data ends early.", DateTimeOffset.UtcNow)],
        });
        page.WaitForAssertion(() => Assert.Equal("100", page.Find("#index-progress").GetAttribute("aria-valuenow")), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.False(page.Find("#reindex-full").HasAttribute("disabled")));
        page.WaitForAssertion(() => Assert.Contains("The JPEG data ends early.", page.Find("#failures").TextContent));
    }

    [Fact]
    public void A_signed_in_admin_gets_a_sign_out_form_with_antiforgery()
    {
        var page = _context.Render<Admin>();

        var form = page.Find("form.signout");
        Assert.Equal("/admin/signout", form.GetAttribute("action"));
        Assert.Empty(page.FindAll("#loopback-admin"));
    }

    public void Dispose() => _context.Dispose();
}
