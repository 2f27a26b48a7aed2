using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Api;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Components.Admin;

namespace SemanticSearch.Web.Tests.Components;

public sealed class CatalogStatsPanelTests : IDisposable
{
    private readonly WebComponentContext _context = new(signedInAdmin: true);

    [Fact]
    public void The_model_panel_names_the_loaded_variant_and_how_to_change_it()
    {
        var status = Status() with { ModelVariant = "Quantized" };

        var panel = _context.Render<CatalogStatsPanel>(p => p.Add(c => c.Status, status));

        var text = panel.Find("#model-variant").TextContent;
        Assert.Contains("Variant: Quantized.", text);
        Assert.Contains("SemanticSearch:Model:Variant", text);
        Assert.Contains("after a restart", text);
    }

    [Fact]
    public void The_model_panel_says_nothing_about_a_variant_it_does_not_know()
    {
        var panel = _context.Render<CatalogStatsPanel>(p => p.Add(c => c.Status, Status()));

        Assert.Empty(panel.FindAll("#model-variant"));
    }

    private static StatusDto Status() => new(3, 0, 0, 0, 3, "clip-demo", true, null, new CrawlProgress().ToDto());

    public void Dispose() => _context.Dispose();
}
