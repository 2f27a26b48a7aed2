using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Search;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Tests.Fakes;

namespace SemanticSearch.Web.Tests.Components;

public sealed class FirstScreenTests : IDisposable
{
    private static readonly ModelCard ShapesCard = new()
    {
        Summary = "a small model that only knows coloured shapes",
        Advice = "pull a real CLIP model for photos",
        Examples = ["a red circle", "star - yellow"],
    };

    private readonly WebComponentContext _context = new();

    private NavigationManager Navigation => _context.Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void The_empty_page_says_which_model_answers_and_what_it_knows_in_one_line()
    {
        _context.Model.Card = ShapesCard;

        var page = _context.Render<Search>();

        var line = page.Find("#model-line");
        Assert.Equal("fake-model: a small model that only knows coloured shapes — pull a real CLIP model for photos",
            string.Join(' ', line.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)));
        var link = line.QuerySelector("a")!;
        Assert.Equal("#real-clip", link.GetAttribute("href"));
        Assert.Contains("semsearch models pull openai/clip-vit-base-patch32", page.Find("#real-clip").TextContent);
    }

    [Fact]
    public void Each_example_of_the_model_card_is_a_link_that_searches_it()
    {
        _context.Model.Card = ShapesCard;
        var page = _context.Render<Search>();

        var examples = page.FindAll("#examples a.example");

        Assert.Equal(["a red circle", "star - yellow"], examples.Select(a => a.TextContent));
        Assert.Equal(["/?q=a%20red%20circle", "/?q=star%20-%20yellow"], examples.Select(a => a.GetAttribute("href")));
        Navigation.NavigateTo(examples[1].GetAttribute("href")!);
        page.WaitForAssertion(() => Assert.Equal("star - yellow", Assert.Single(_context.SearchService.Queries).Text));
    }

    [Fact]
    public void The_query_syntax_help_is_on_the_empty_page_and_gives_way_to_results()
    {
        _context.SearchService.Answer = _ => new SearchResponse([TestImages.Hit(5, 0.9f, "red-circle-005.jpg")], TimeSpan.FromMilliseconds(3), false);
        var page = _context.Render<Search>();

        var help = page.Find("#syntax-help").TextContent;
        foreach (var part in new[] { "+", "-", "0.5 red", "2*circle", "\"rock + roll\"", "Image + text" })
            Assert.Contains(part, help);

        Navigation.NavigateTo("/?q=red");
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".tile")));
        Assert.Empty(page.FindAll("#first-screen"));
    }

    [Fact]
    public void A_model_without_a_card_shows_its_name_and_the_help_but_no_examples()
    {
        var page = _context.Render<Search>();

        Assert.Equal("fake-model answers your searches", page.Find("#model-line").TextContent.Trim());
        Assert.Empty(page.FindAll("#examples"));
        Assert.Empty(page.FindAll("#real-clip"));
        Assert.NotNull(page.Find("#syntax-help"));
    }

    public void Dispose() => _context.Dispose();
}
