using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Search;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>The query image as a chip in the search box: kept under its hash, words added next to it, removable.</summary>
public sealed class SearchPageImageChipTests : IDisposable
{
    private static readonly byte[] Photo = File.ReadAllBytes(RepoPaths.Combine("tests", "fixtures", "photos", "coffee-palette.png"));
    private static readonly string PhotoId = Convert.ToHexStringLower(SHA256.HashData(Photo));
    private readonly WebComponentContext _context = new();

    private NavigationManager Navigation => _context.Services.GetRequiredService<NavigationManager>();

    private List<SearchQuery> Queries => _context.SearchService.Queries;

    private IRenderedComponent<Search> DropPhoto()
    {
        var page = _context.Render<Search>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Photo, "holiday.png"));
        page.WaitForAssertion(() => Assert.Single(Queries));
        return page;
    }

    private static async Task TypeAndSubmitAsync(IRenderedComponent<Search> page, string text)
    {
        await page.Find("#search-input").InputAsync(new ChangeEventArgs { Value = text });
        await page.Find("form.searchbox").SubmitAsync(new EventArgs());
    }

    [Fact]
    public void A_dropped_image_is_kept_under_its_hash_and_its_search_becomes_a_link()
    {
        var page = DropPhoto();

        Assert.EndsWith($"/?image={PhotoId}", Navigation.Uri);
        Assert.Equal(Photo, File.ReadAllBytes(Path.Combine(_context.QueryImages.Directory, PhotoId)));
        Assert.Equal(Photo, Queries[0].Image!.Value.ToArray());
        Assert.Equal(PhotoId, page.Find("#query-image-chip input[type=hidden][name=image]").GetAttribute("value"));
    }

    [Fact]
    public async Task Words_typed_next_to_the_chip_are_added_to_the_image()
    {
        var page = DropPhoto();

        await TypeAndSubmitAsync(page, "snow");

        Assert.EndsWith($"/?image={PhotoId}&q=snow", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(2, Queries.Count));
        Assert.Equal("snow", Queries[1].Text);
        Assert.Equal(Photo, Queries[1].Image!.Value.ToArray());
        Assert.Contains("holiday.png", page.Find("form.searchbox #query-image-chip").TextContent);
        page.WaitForAssertion(() => Assert.Contains("your image + “snow”", page.Find("#search-status").TextContent));
    }

    [Fact]
    public async Task Clearing_the_words_next_to_the_chip_searches_with_the_image_alone()
    {
        var page = DropPhoto();
        await TypeAndSubmitAsync(page, "snow");
        page.WaitForAssertion(() => Assert.Equal(2, Queries.Count));

        await TypeAndSubmitAsync(page, "");

        Assert.EndsWith($"/?image={PhotoId}", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(3, Queries.Count));
        Assert.Null(Queries[2].Text);
        Assert.NotNull(Queries[2].Image);
    }

    [Fact]
    public async Task Removing_the_chip_goes_back_to_the_words_alone()
    {
        var page = DropPhoto();
        await TypeAndSubmitAsync(page, "snow");
        page.WaitForAssertion(() => Assert.Equal(2, Queries.Count));

        await page.Find("#remove-query-image").ClickAsync(new MouseEventArgs());

        Assert.EndsWith("/?q=snow", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(3, Queries.Count));
        Assert.Equal("snow", Queries[2].Text);
        Assert.Null(Queries[2].Image);
        Assert.Empty(page.FindAll("#query-image-chip"));
    }

    [Fact]
    public async Task A_shared_image_link_searches_with_the_kept_image_and_its_words()
    {
        var id = await _context.QueryImages.SaveAsync(Photo, default);
        Navigation.NavigateTo($"/?image={id}&q=snow");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Single(Queries));
        Assert.Equal(Photo, Queries[0].Image!.Value.ToArray());
        Assert.Equal("snow", Queries[0].Text);
        Assert.StartsWith("data:image/", page.Find("#query-image-chip #query-image").GetAttribute("src"));
        Assert.Equal("snow", page.Find("#search-input").GetAttribute("value"));
    }

    [Fact]
    public void An_image_link_whose_image_is_no_longer_kept_says_so_and_searches_nothing()
    {
        Navigation.NavigateTo($"/?image={PhotoId}&q=snow");

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Contains("This image search link has expired", page.Find("#search-error").TextContent));
        Assert.Empty(Queries);
    }

    [Theory]
    [InlineData("../../catalog.db")]
    [InlineData("abc")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    public void An_image_link_whose_id_is_no_hash_is_refused_before_any_file_is_read(string id)
    {
        Navigation.NavigateTo("/?image=" + Uri.EscapeDataString(id));

        var page = _context.Render<Search>();

        page.WaitForAssertion(() => Assert.Contains("is not a query image id", page.Find("#search-error").TextContent));
        Assert.Empty(Queries);
    }

    public void Dispose() => _context.Dispose();
}
