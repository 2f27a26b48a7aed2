using System.Text;
using SemanticSearch.Crawler.Web;

namespace SemanticSearch.Crawler.Tests.Web;

public sealed class HtmlLinkExtractorTests
{
    private static readonly Uri Page = new("http://127.0.0.1:5000/gallery/index.html");

    [Fact]
    public void Collects_src_the_largest_srcset_candidate_picture_sources_and_links()
    {
        const string html = """
            <html><body>
              <img src="a.png">
              <img src="small.jpg" srcset="small.jpg 320w, large.jpg 1280w, medium.jpg 640w">
              <img srcset="one.png 1x, two.png 2x">
              <picture><source srcset="/p/wide.webp 1600w, /p/narrow.webp 400w"><img src="p/fallback.jpg"></picture>
              <img src="data:image/png;base64,AAAA">
              <a href="next.html#top">next</a>
              <a href="/full/photo.JPG">photo</a>
              <a href="mailto:x@example.org">mail</a>
            </body></html>
            """;
        var links = HtmlLinkExtractor.Extract(Encoding.UTF8.GetBytes(html), Page);
        var images = links.Images.Select(u => u.AbsolutePath).ToList();
        Assert.Contains("/gallery/a.png", images);
        Assert.Contains("/gallery/large.jpg", images);
        Assert.DoesNotContain("/gallery/small.jpg", images);
        Assert.Contains("/gallery/two.png", images);
        Assert.Contains("/p/wide.webp", images);
        Assert.Contains("/gallery/p/fallback.jpg", images);
        Assert.Contains("/full/photo.JPG", images);
        Assert.DoesNotContain(links.Images, u => u.Scheme == "data");
        var page = Assert.Single(links.Pages);
        Assert.Equal("http://127.0.0.1:5000/gallery/next.html", page.ToString());
    }

    [Fact]
    public void Base_href_changes_how_relative_urls_resolve()
    {
        const string html = """<html><head><base href="/assets/"></head><body><img src="x.png"></body></html>""";
        var links = HtmlLinkExtractor.Extract(Encoding.UTF8.GetBytes(html), Page);
        Assert.Equal("/assets/x.png", Assert.Single(links.Images).AbsolutePath);
    }

    [Theory]
    [InlineData("a.png 1x, b.png 3x, c.png 2x", "b.png")]
    [InlineData("a.png", "a.png")]
    [InlineData("  a.png 100w,b.png 50w ", "a.png")]
    [InlineData("", null)]
    public void Largest_srcset_candidate(string srcset, string? expected) =>
        Assert.Equal(expected, HtmlLinkExtractor.LargestCandidate(srcset));
}
