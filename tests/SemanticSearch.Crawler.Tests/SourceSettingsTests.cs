using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests;

/// <summary>Source settings checked on start: a file is never taken for a folder, and the reason says so.</summary>
public sealed class SourceSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-source-settings");

    public void Dispose() => _temp.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> values) =>
        new ServiceCollection().AddCrawler(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();

    private string AFile()
    {
        var file = _temp.Combine("photo.jpg");
        File.WriteAllBytes(file, [0xFF, 0xD8, 0xFF]);
        return file;
    }

    [Fact]
    public void A_configured_folder_source_that_is_a_file_is_refused_with_that_reason()
    {
        var file = AFile();
        using var services = Build(new() { ["SemanticSearch:Sources:0:Location"] = file });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ConfiguredSources>>().Value);

        Assert.Contains($"SemanticSearch:Sources:0:Location: {file} is a file, not a folder", error.Message);
    }

    [Fact]
    public void A_start_up_location_that_is_a_file_or_missing_is_refused_with_its_reason()
    {
        var file = AFile();
        using var services = Build(new()
        {
            ["SemanticSearch:StartupSources:Locations:0"] = file,
            ["SemanticSearch:StartupSources:Locations:1"] = _temp.Combine("missing"),
            ["SemanticSearch:StartupSources:Locations:2"] = _temp.Path + "/",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StartupSourcesOptions>>().Value);

        Assert.Contains($"SemanticSearch:StartupSources:Locations:0 ('{file}'): {file} is a file, not a folder", error.Message);
        Assert.Contains("SemanticSearch:StartupSources:Locations:1", error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.DoesNotContain("Locations:2", error.Message);
    }
}
