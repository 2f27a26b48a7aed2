using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

public sealed class ImageViewerTests : IDisposable
{
    private readonly WebComponentContext _context = new();

    [Fact]
    public void Shows_the_metadata_and_links_more_like_this()
    {
        var viewer = _context.Render<ImageViewer>(p => p.Add(v => v.Hit, TestImages.Hit(42, 0.8f, "green-star-042.png")));

        Assert.Equal("dialog", viewer.Find(".viewer").GetAttribute("role"));
        Assert.Equal("green-star-042.png", viewer.Find("#viewer-title").TextContent);
        var meta = viewer.Find(".meta").TextContent;
        // The location relative to its source and the source's name; the server path (/photos/...) is not shown.
        Assert.Equal("green-star-042.png", viewer.Find(".meta .location").TextContent);
        Assert.Equal("photos", viewer.Find(".meta .source").TextContent);
        Assert.DoesNotContain("/photos/", meta);
        Assert.Contains("12 KB", meta);
        Assert.Contains("64 × 48", meta);
        Assert.Contains("JPEG", meta);
        Assert.Contains("2024-05-31", meta);
        Assert.Equal("/?similar=42", viewer.Find("#more-like-this").GetAttribute("href"));
        Assert.Equal("Close", viewer.Find("[aria-label=Close]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Keyboard_closes_and_steps()
    {
        var closed = 0;
        var next = 0;
        var previous = 0;
        var viewer = _context.Render<ImageViewer>(p => p
            .Add(v => v.Hit, TestImages.Hit(1, 0.8f))
            .Add(v => v.HasNext, true)
            .Add(v => v.HasPrevious, false)
            .Add(v => v.OnClose, () => closed++)
            .Add(v => v.OnNext, () => next++)
            .Add(v => v.OnPrevious, () => previous++));

        var dialog = viewer.Find(".viewer");
        await dialog.KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        await dialog.KeyDownAsync(new KeyboardEventArgs { Key = "ArrowLeft" });
        await dialog.KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal((1, 0, 1), (next, previous, closed));
        Assert.True(viewer.Find("[aria-label='Previous result']").HasAttribute("disabled"));
    }

    public void Dispose() => _context.Dispose();
}
