using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch models list</c> over the shipped settings.</summary>
public sealed class ModelsListTests : IDisposable
{
    private readonly TempDirectory _work = new("semsearch-cli-models");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Models_list_shows_each_known_model_with_its_dimension_licence_size_and_published_recall()
    {
        var (exit, output, error) = await SemsearchProcess.RunAsync(_work.Path, "models", "list", "--json");

        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        var siglip = rows["immich/ViT-B-16-SigLIP2__webli"];
        Assert.Equal(768, siglip.GetProperty("dimension").GetInt32());
        Assert.Equal(224, siglip.GetProperty("inputSize").GetInt32());
        Assert.Equal("Apache-2.0", siglip.GetProperty("licence").GetString());
        Assert.True(siglip.GetProperty("approximateSizeMegabytes").GetInt32() > 0);
        var english = siglip.GetProperty("recall").EnumerateArray().Single(r => r.GetProperty("language").GetString() == "English");
        Assert.Equal(75.19, english.GetProperty("percent").GetDouble());
        Assert.Contains("immich", english.GetProperty("source").GetString());
        Assert.Equal(640, rows["immich/XLM-Roberta-Large-Vit-B-16Plus"].GetProperty("dimension").GetInt32());
    }
}
