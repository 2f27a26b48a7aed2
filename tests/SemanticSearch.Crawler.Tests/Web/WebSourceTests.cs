using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Tests.Infrastructure;

namespace SemanticSearch.Crawler.Tests.Web;

public sealed class WebSourceTests
{
    private static readonly DateTimeOffset LastModified = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<LocalWebServer> StartSiteAsync()
    {
        var a = TestImages.Png(1);
        var bLarge = TestImages.Png(2, 200, 120);
        var bSmall = TestImages.Png(3, 50, 30);
        var d = TestImages.Png(5);
        var secret = TestImages.Png(6);
        var huge = new byte[300 * 1024];
        return await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => "User-agent: *\nDisallow: /private/\n");
            app.MapGet("/index.html", () => Results.Content("""
                <html><body>
                  <img src="/img/a.png">
                  <img src="/img/b-small.png" srcset="/img/b-small.png 50w, /img/b-large.png 200w">
                  <img src="/private/secret.png">
                  <img src="/img/missing.png">
                  <img src="/img/slow.png">
                  <img src="/img/huge.png">
                  <img src="/img/huge-chunked.png">
                  <img src="/img/really-html.png">
                  <a href="/page2.html">more</a>
                  <a href="/private/page.html">private</a>
                </body></html>
                """, "text/html"));
            app.MapGet("/page2.html", () => Results.Content("""<html><body><img src="img/c.jpg"><a href="/page3.html">deeper</a></body></html>""", "text/html"));
            app.MapGet("/page3.html", () => Results.Content("""<html><body><img src="/img/d.png"></body></html>""", "text/html"));
            app.MapGet("/private/page.html", () => Results.Content("""<html><body><img src="/img/from-private.png"></body></html>""", "text/html"));
            app.MapGet("/img/a.png", (HttpContext ctx) => LocalWebServer.Image(ctx, a, "image/png", LastModified));
            app.MapGet("/img/b-large.png", (HttpContext ctx) => LocalWebServer.Image(ctx, bLarge, "image/png", LastModified));
            app.MapGet("/img/b-small.png", (HttpContext ctx) => LocalWebServer.Image(ctx, bSmall, "image/png", LastModified));
            // The header says JPEG, the bytes are PNG: content is sniffed, headers are not trusted.
            app.MapGet("/img/c.jpg", (HttpContext ctx) => LocalWebServer.Image(ctx, TestImages.Png(4), "image/jpeg", LastModified));
            app.MapGet("/img/d.png", (HttpContext ctx) => LocalWebServer.Image(ctx, d, "image/png", LastModified));
            app.MapGet("/private/secret.png", () => Results.Bytes(secret, "image/png"));
            app.MapGet("/img/slow.png", async (HttpContext ctx) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted);
                return Results.Bytes(a, "image/png");
            });
            app.MapGet("/img/huge.png", () => Results.Bytes(huge, "image/png"));
            app.MapGet("/img/huge-chunked.png", async (HttpContext ctx) =>
            {
                // No Content-Length: the limit must stop the stream itself.
                ctx.Response.ContentType = "image/png";
                for (var i = 0; i < 64; i++)
                    await ctx.Response.Body.WriteAsync(new byte[16 * 1024], ctx.RequestAborted);
            });
            app.MapGet("/img/really-html.png", () => Results.Bytes(Encoding.UTF8.GetBytes("<html>oops</html>"), "image/png"));
        });
    }

    private static CrawlerHarness Harness() => CrawlerHarness.Create(new Dictionary<string, string?>
    {
        ["SemanticSearch:Crawler:MaxDownloadBytes"] = (100 * 1024).ToString(),
        ["SemanticSearch:Crawler:HttpTimeoutSeconds"] = "1",
        ["SemanticSearch:Crawler:HttpRetries"] = "1",
    });

    [Fact]
    public async Task Crawls_pages_within_depth_honours_robots_and_records_every_failure()
    {
        await using var site = await StartSiteAsync();
        using var h = Harness();
        var source = h.AddWeb(site.Url("/index.html").ToString(), maxDepth: 1);

        var run = await h.IndexAsync();

        var rows = h.Rows(source.Id);
        string Url(string path) => site.Url(path).ToString();
        Assert.Equal(RunOutcome.Completed, run.Outcome);
        foreach (var path in new[] { "/img/a.png", "/img/b-large.png", "/img/c.jpg" })
        {
            Assert.True(rows.TryGetValue(Url(path), out var row), path);
            Assert.Equal(ImageStatus.Indexed, row.Status);
            Assert.True(h.Index.Contains(row.Id));
            Assert.Equal(LastModified, row.Modified);
        }
        Assert.Equal("png", rows[Url("/img/c.jpg")].Format);
        var expectedFailures = new Dictionary<string, string>
        {
            ["/private/secret.png"] = "Disallowed",
            ["/img/missing.png"] = "HttpError",
            ["/img/slow.png"] = "Timeout",
            ["/img/huge.png"] = "TooLarge",
            ["/img/huge-chunked.png"] = "TooLarge",
            ["/img/really-html.png"] = "NotAnImage",
        };
        foreach (var (path, kind) in expectedFailures)
        {
            Assert.True(rows.TryGetValue(Url(path), out var row), path);
            Assert.Equal(ImageStatus.Failed, row.Status);
            Assert.Equal(kind, row.FailureKind);
            Assert.False(string.IsNullOrWhiteSpace(row.FailureReason));
        }
        Assert.Contains("404", rows[Url("/img/missing.png")].FailureReason);
        Assert.Equal(3, run.Indexed);
        Assert.Equal(expectedFailures.Count, run.Failed);
        Assert.Equal(3 + expectedFailures.Count, rows.Count); // Not b-small (smaller srcset candidate), not d (too deep).
        Assert.Equal(0, site.Requests("/private/secret.png"));
        Assert.Equal(0, site.Requests("/private/page.html"));
        Assert.Equal(0, site.Requests("/page3.html"));
        Assert.Equal(1, site.Requests("/robots.txt"));
        Assert.Equal(2, site.Requests("/img/slow.png")); // One retry after the first timeout.
        Assert.Contains(run.LastErrors, e => e.Kind == "Disallowed" && e.Location.EndsWith("/private/page.html"));

        // Second scan: conditional requests, nothing re-embedded.
        h.Encoder.Reset();
        var again = await h.IndexAsync();
        Assert.Equal(0, again.Indexed);
        Assert.Equal(0, h.Encoder.Calls);
        Assert.True(again.Skipped >= 3);
        Assert.Contains(site.Log, r => r.Path == "/img/a.png" && r.IfModifiedSince is not null);
    }

    [Fact]
    public async Task A_plain_text_list_of_image_urls_is_a_source()
    {
        var a = TestImages.Png(11);
        var b = TestImages.Jpeg(12);
        await using var site = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/list.txt", (HttpContext ctx) => Results.Text($"# images\n{ctx.Request.Scheme}://{ctx.Request.Host}/x/a.png\n/x/b.jpg\n\n", "text/plain"));
            app.MapGet("/x/a.png", () => Results.Bytes(a, "image/png"));
            app.MapGet("/x/b.jpg", () => Results.Bytes(b, "image/jpeg"));
        });
        using var h = Harness();
        var source = h.AddWeb(site.Url("/list.txt").ToString(), maxDepth: 0);

        var run = await h.IndexAsync();

        Assert.Equal(2, run.Indexed);
        Assert.All(h.Rows(source.Id).Values, r => Assert.Equal(ImageStatus.Indexed, r.Status));
        // Without Last-Modified nothing conditional is possible: the bytes are fetched and compared by hash.
        h.Encoder.Reset();
        var again = await h.IndexAsync();
        Assert.Equal((0L, 2L), (again.Indexed, again.Skipped));
        Assert.Equal(0, h.Encoder.Calls);
    }

    [Fact]
    public async Task An_image_that_disappears_from_the_page_is_deleted_but_an_unreachable_page_deletes_nothing()
    {
        var showSecond = true;
        var failPage = false;
        await using var site = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/index.html", () => failPage
                ? Results.StatusCode(500)
                : Results.Content($"""<img src="/a.png">{(showSecond ? "<img src=\"/b.png\">" : "")}""", "text/html"));
            app.MapGet("/a.png", () => Results.Bytes(TestImages.Png(21), "image/png"));
            app.MapGet("/b.png", () => Results.Bytes(TestImages.Png(22), "image/png"));
        });
        using var h = Harness();
        var source = h.AddWeb(site.Url("/index.html").ToString(), maxDepth: 0);
        await h.IndexAsync();
        Assert.Equal(2, h.Index.Count);
        var second = h.Rows(source.Id).Values.Single(r => r.Location.EndsWith("/b.png")).Id;

        failPage = true;
        var outage = await h.IndexAsync();
        Assert.Equal(0, outage.Deleted);
        Assert.Equal(2, h.Index.Count);

        failPage = false;
        showSecond = false;
        var run = await h.IndexAsync();
        Assert.Equal(1, run.Deleted);
        Assert.Equal(ImageStatus.Deleted, h.Row(second).Status);
        Assert.Equal(1, h.Index.Count);
    }
}
