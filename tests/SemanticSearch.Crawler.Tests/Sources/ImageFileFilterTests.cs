using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Tests.Sources;

public sealed class ImageFileFilterTests
{
    private static readonly string[] Extensions = ["jpg", "jpeg", "png", "gif", "webp", "bmp"];

    [Fact]
    public void Default_accepts_image_extensions_in_any_case_only()
    {
        var filter = new ImageFileFilter(Extensions, [], []);
        Assert.True(filter.Accepts("a/b/c.JPG"));
        Assert.True(filter.Accepts("x.webp"));
        Assert.False(filter.Accepts("notes.txt"));
        Assert.False(filter.Accepts("archive.jpg.zip"));
    }

    [Fact]
    public void Include_and_exclude_globs()
    {
        var filter = new ImageFileFilter(Extensions, ["holidays/**/*", "*.png"], ["**/thumbs/**", "**/*-draft.*"]);
        Assert.True(filter.Accepts("holidays/2024/beach.jpg"));
        Assert.True(filter.Accepts("top.png"));
        Assert.False(filter.Accepts("work/report.jpg"));
        Assert.False(filter.Accepts("holidays/thumbs/beach.jpg"));
        Assert.False(filter.Accepts("holidays/beach-draft.jpg"));
    }

    [Fact]
    public void Exclude_alone_keeps_everything_else()
    {
        var filter = new ImageFileFilter(Extensions, [], ["private/**"]);
        Assert.True(filter.Accepts("public/a.jpg"));
        Assert.False(filter.Accepts("private/a.jpg"));
    }
}
