using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticSearch.Clip.Store;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Store;

/// <summary>The known-model list that ships in appsettings.json, and the start-up check every list goes through.</summary>
public sealed class KnownModelCatalogTests
{
    [Fact]
    public void Every_shipped_known_model_is_complete_and_lists_the_files_its_layout_needs()
    {
        var options = ShippedOptions();

        Assert.Empty(options.Validate());
        foreach (var model in options.Known)
        {
            Assert.False(string.IsNullOrWhiteSpace(model.Description), model.Name);
            Assert.NotNull(model.Layout);
            Assert.NotNull(model.Dimension);
            Assert.NotNull(model.InputSize);
            Assert.False(string.IsNullOrWhiteSpace(model.Licence), model.Name);
            Assert.NotNull(model.ApproximateSizeMegabytes);
            Assert.All(model.Recall, r => Assert.StartsWith("https://", r.Source));
        }
    }

    [Fact]
    public void The_shipped_list_covers_each_family_that_Immich_publishes()
    {
        var repositories = ShippedOptions().Known.Select(m => m.Repository).ToHashSet(StringComparer.Ordinal);

        foreach (var expected in new[]
                 {
                     "immich-app/ViT-B-32__openai", "immich-app/ViT-B-16__openai", "immich-app/ViT-B-32__laion2b-s34b-b79k",
                     "immich-app/ViT-B-16-SigLIP2__webli", "immich-app/XLM-Roberta-Large-Vit-B-16Plus",
                     "immich-app/XLM-Roberta-Large-Vit-B-32",
                     "immich-app/nllb-clip-base-siglip__v1", "Xenova/clip-vit-base-patch32",
                 })
            Assert.Contains(expected, repositories);
    }

    [Fact]
    public void A_known_model_whose_files_do_not_fit_its_layout_fails_at_start_with_the_missing_file_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SemanticSearch:Models:Known:0:Name"] = "org/half",
            ["SemanticSearch:Models:Known:0:Repository"] = "org/half",
            ["SemanticSearch:Models:Known:0:Layout"] = "OpenClip",
            ["SemanticSearch:Models:Known:0:Files:0:Path"] = "textual/model.onnx",
            ["SemanticSearch:Models:Known:0:Recall:0:Language"] = "English",
            ["SemanticSearch:Models:Known:0:Recall:0:Percent"] = "140",
            ["SemanticSearch:Models:Known:0:Recall:0:Source"] = "https://example.org/table",
        }).Build();
        using var services = new ServiceCollection().AddClip(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelStoreOptions>>().Value);

        Assert.Contains("SemanticSearch:Models:Known:0:Files lacks visual/model.onnx", error.Message);
        Assert.Contains("SemanticSearch:Models:Known:0:Recall:0:Percent", error.Message);
        Assert.DoesNotContain("textual/model.onnx,", error.Message);
    }

    [Fact]
    public void A_store_refuses_settings_that_would_escape_the_models_folder()
    {
        var options = new ModelStoreOptions
        {
            Known = [new KnownModel { Name = "../outside", Repository = "org/x", Files = [new KnownModelFile { Path = "a.onnx" }] }],
        };

        var error = Assert.Throws<ModelStoreException>(() => new ModelStore(options, Path.GetTempPath()));

        Assert.Contains("Known:0:Name", error.Message);
    }

    private static ModelStoreOptions ShippedOptions() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json")).Build()
            .GetSection(ModelStoreOptions.SectionName).Get<ModelStoreOptions>()!;
}
