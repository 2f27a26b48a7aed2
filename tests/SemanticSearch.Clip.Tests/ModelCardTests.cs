using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests;

public sealed class ModelCardTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-card");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_demo_model_card_says_what_it_knows_and_gives_shape_examples()
    {
        using var model = ClipEmbeddingModel.Load(new ClipModelOptions { Path = RepoPaths.DemoModel });

        var card = model.Card;

        Assert.Equal("a small model that only knows coloured shapes", card.Summary);
        Assert.Equal("pull a real CLIP model for photos", card.Advice);
        Assert.Contains("a red circle", card.Examples);
        Assert.InRange(card.Examples.Count, 4, ModelCardReader.MaxExamples);
        Assert.Equal(28.39f, card.LogitScale, 2);
        Assert.Same(card, ((IEmbeddingModel)model).Card);
    }

    [Fact]
    public void A_folder_without_a_card_has_no_examples_and_the_usual_logit_scale()
    {
        var folder = ClipModelFolder.Open(Folder("""{"projection_dim": 512}"""));

        Assert.Same(ModelCard.Unknown, folder.Card);
        Assert.Empty(folder.Card.Examples);
        Assert.Null(folder.Card.Summary);
        Assert.Equal(ModelCard.DefaultLogitScale, folder.Card.LogitScale);
    }

    [Fact]
    public void Examples_beyond_the_limit_are_left_out()
    {
        var examples = string.Join(", ", Enumerable.Range(1, 40).Select(i => $"\"query {i}\""));
        var folder = ClipModelFolder.Open(Folder($$$"""{"semsearch_card": {"examples": [{{{examples}}}]}}"""));

        Assert.Equal(ModelCardReader.MaxExamples, folder.Card.Examples.Count);
        Assert.Equal("query 1", folder.Card.Examples[0]);
    }

    [Theory]
    [InlineData("""{"semsearch_card": ["a red circle"]}""", "semsearch_card must be an object")]
    [InlineData("""{"semsearch_card": {"examples": "a red circle"}}""", "semsearch_card.examples")]
    [InlineData("""{"semsearch_card": {"examples": [3]}}""", "semsearch_card.examples")]
    [InlineData("""{"semsearch_card": {"summary": ""}}""", "semsearch_card.summary")]
    [InlineData("""{"semsearch_card": {"logit_scale": -1}}""", "semsearch_card.logit_scale")]
    [InlineData("""{"semsearch_card": {"logit_scale": "high"}}""", "semsearch_card.logit_scale")]
    public void A_card_of_the_wrong_shape_is_an_error_naming_the_field(string config, string expected)
    {
        var dir = Folder(config);

        var error = Assert.Throws<ClipModelException>(() => ClipModelFolder.Open(dir));

        Assert.Contains(expected, error.Message);
        Assert.Contains("config.json", error.Message);
    }

    private string Folder(string config)
    {
        var dir = _temp.Combine("model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "onnx"));
        File.WriteAllBytes(Path.Combine(dir, "onnx", "text_model.onnx"), [0]);
        File.WriteAllBytes(Path.Combine(dir, "onnx", "vision_model.onnx"), [0]);
        File.WriteAllText(Path.Combine(dir, "config.json"), config);
        return dir;
    }
}
