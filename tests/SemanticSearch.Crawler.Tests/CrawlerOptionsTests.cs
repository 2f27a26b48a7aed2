using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests;

public sealed class CrawlerOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddCrawler(configuration).BuildServiceProvider();
    }

    [Fact]
    public void The_root_appsettings_binds_and_its_default_source_is_the_demo_gallery()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoPaths.Combine("appsettings.json")).Build();
        using var services = new ServiceCollection().AddCrawler(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<CrawlerOptions>>().Value;
        var sources = services.GetRequiredService<IOptions<ConfiguredSources>>().Value;

        Assert.Equal(16, options.BatchSize);
        Assert.Null(options.RescanInterval);
        var source = Assert.Single(sources.Items);
        Assert.Equal(SourceKind.Folder, source.Kind);
        Assert.Equal("demo-gallery", source.Location);
        Assert.Equal("demo-gallery", Path.GetFileName(ConfiguredSources.ToCatalogSource(source).Location));
        Assert.True(Path.IsPathRooted(ConfiguredSources.ToCatalogSource(source).Location));
    }

    [Fact]
    public void Invalid_settings_are_rejected_with_the_setting_named()
    {
        using var services = Build(new()
        {
            ["SemanticSearch:Crawler:BatchSize"] = "0",
            ["SemanticSearch:Crawler:HttpTimeoutSeconds"] = "-1",
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CrawlerOptions>>().Value);
        Assert.Contains("SemanticSearch:Crawler:BatchSize", error.Message);
        Assert.Contains("SemanticSearch:Crawler:HttpTimeoutSeconds", error.Message);
    }

    [Fact]
    public void Invalid_sources_are_rejected()
    {
        using var services = Build(new()
        {
            ["SemanticSearch:Sources:0:Kind"] = "Web",
            ["SemanticSearch:Sources:0:Location"] = "not a url",
            ["SemanticSearch:Sources:1:Kind"] = "Folder",
            ["SemanticSearch:Sources:1:Location"] = "",
            ["SemanticSearch:Sources:2:Kind"] = "Folder",
            ["SemanticSearch:Sources:2:Location"] = "photos",
            ["SemanticSearch:Sources:2:Watch"] = "true",
            ["SemanticSearch:Sources:2:Include:0"] = "**/*.jpg",
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ConfiguredSources>>().Value);
        Assert.Contains("SemanticSearch:Sources:0:Location must be an absolute http", error.Message);
        Assert.Contains("SemanticSearch:Sources:1:Location is required", error.Message);
        Assert.DoesNotContain("Sources:2", error.Message);
    }
}
