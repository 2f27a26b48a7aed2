using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests;

public sealed class ClipRegistrationTests
{
    [Fact]
    public void Settings_bind_to_the_options()
    {
        using var services = Build(new()
        {
            ["SemanticSearch:Model:Path"] = "somewhere/model",
            ["SemanticSearch:Model:Variant"] = "quantized",
            ["SemanticSearch:Model:ExecutionProvider"] = "Cpu",
            ["SemanticSearch:Model:IntraOpThreads"] = "2",
            ["SemanticSearch:Model:GraphOptimizationLevel"] = "Extended",
            ["SemanticSearch:Model:BatchSize"] = "8",
            ["SemanticSearch:Models:BaseUrl"] = "http://127.0.0.1:9/",
            ["SemanticSearch:Models:Known:0:Name"] = "a/b",
            ["SemanticSearch:Models:Known:0:Repository"] = "org/b",
            ["SemanticSearch:Models:Known:0:Files:0:Path"] = "onnx/text_model.onnx",
            ["SemanticSearch:Models:Known:0:Files:0:Sha256"] = new string('a', 64),
        });

        var model = services.GetRequiredService<IOptions<ClipModelOptions>>().Value;
        Assert.Equal("somewhere/model", model.Path);
        Assert.Equal(ModelVariant.Quantized, model.Variant);
        Assert.Equal(2, model.IntraOpThreads);
        Assert.Equal(GraphOptimization.Extended, model.GraphOptimizationLevel);
        Assert.Equal(8, model.BatchSize);
        var store = services.GetRequiredService<ModelStore>();
        var known = Assert.Single(store.Known);
        Assert.Equal("main", known.Revision);
        Assert.Equal(new string('a', 64), Assert.Single(known.Files).Sha256);
        Assert.Equal("http://127.0.0.1:9/org/b/resolve/main/onnx/text_model.onnx", store.FileUrl(known, known.Files[0]).ToString());
    }

    [Fact]
    public void Defaults_point_at_the_demo_model()
    {
        var options = new ClipModelOptions();

        Assert.Equal("models/clip-demo", options.Path);
        Assert.Equal(ModelVariant.Auto, options.Variant);
        Assert.Equal(ExecutionProviderKind.Cpu, options.ExecutionProvider);
        Assert.Equal(16, options.BatchSize);
        Assert.Empty(options.Validate());
        Assert.Equal(ModelStoreOptions.DefaultBaseUrl, new ModelStoreOptions().BaseUrl);
    }

    [Fact]
    public void Invalid_settings_are_reported_by_name()
    {
        using var services = Build(new() { ["SemanticSearch:Model:BatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClipModelOptions>>().Value);

        Assert.Contains("SemanticSearch:Model:BatchSize", error.Message);
    }

    [Fact]
    public void The_embedding_model_is_one_lazily_loaded_singleton()
    {
        using var services = Build(new() { ["SemanticSearch:Model:Path"] = RepoPaths.DemoModel });

        var model = services.GetRequiredService<IEmbeddingModel>();

        Assert.Same(model, services.GetRequiredService<IEmbeddingModel>());
        Assert.Same(model, services.GetRequiredService<ClipEmbeddingModel>());
        Assert.Equal("clip-demo", model.ModelId);
        Assert.Equal(model.Dimension, model.Text.EncodeTexts(["a red circle"])[0].Length);
    }

    [Fact]
    public void The_root_settings_know_clip_vit_base_patch32_in_fp32_and_quantized()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json")).Build();
        var options = configuration.GetSection(ModelStoreOptions.SectionName).Get<ModelStoreOptions>()!;

        var fp32 = Assert.Single(options.Known, m => m.Name == "openai/clip-vit-base-patch32");
        var quantized = Assert.Single(options.Known, m => m.Name == "openai/clip-vit-base-patch32-quantized");
        Assert.Contains(fp32.Files, f => f.Path == "onnx/text_model.onnx");
        Assert.Contains(fp32.Files, f => f.Path == "onnx/vision_model.onnx");
        Assert.Contains(quantized.Files, f => f.Path == "onnx/text_model_quantized.onnx");
        Assert.Contains(quantized.Files, f => f.Path == "onnx/vision_model_quantized.onnx");
        foreach (var model in new[] { fp32, quantized })
        {
            Assert.Contains(model.Files, f => f.Path == "preprocessor_config.json");
            Assert.Contains(model.Files, f => f.Path == "config.json");
            Assert.Contains(model.Files, f => f.Path is "tokenizer.json" or "vocab.json");
        }
        Assert.Equal(ModelStoreOptions.DefaultBaseUrl, options.BaseUrl);
        var model2 = configuration.GetSection(ClipModelOptions.SectionName).Get<ClipModelOptions>() ?? new ClipModelOptions();
        Assert.Empty(model2.Validate());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddClip(configuration).BuildServiceProvider();
    }
}
