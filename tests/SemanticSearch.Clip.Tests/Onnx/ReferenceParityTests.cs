using System.Text.Json;
using System.Text.Json.Serialization;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Imaging;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Onnx;

/// <summary>
/// The C# pipeline (tokenizer, Skia decode + CLIP preprocessing, ONNX encoders) against embeddings that the training
/// script computed with PyTorch + PIL for the same inputs (tests/fixtures/reference/embeddings.json).
/// </summary>
public sealed class ReferenceParityTests(DemoModelFixture demo) : IClassFixture<DemoModelFixture>
{
    private static readonly Lazy<ReferenceFile> Reference = new(() =>
        JsonSerializer.Deserialize<ReferenceFile>(
            File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "reference", "embeddings.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    private readonly ClipImagePreprocessor _preprocessor = new(new SkiaImageDecoder());

    private ClipEmbeddingModel Model => demo.Model;

    [Fact]
    public void Reference_file_is_for_this_model()
    {
        Assert.Equal(Model.ModelId, Reference.Value.Model);
        Assert.NotEmpty(Reference.Value.Texts);
        Assert.NotEmpty(Reference.Value.Images);
    }

    [Fact]
    public void Texts_tokenize_to_the_reference_ids_and_embed_like_pytorch()
    {
        var texts = Reference.Value.Texts;

        var embeddings = Model.Text.EncodeTexts(texts.Select(t => t.Text).ToArray());

        for (var i = 0; i < texts.Count; i++)
        {
            // The reference ids are the encoding without start/end tokens (openai/CLIP's SimpleTokenizer.encode).
            Assert.Equal(texts[i].Ids, Model.Text.Tokenizer.Encode(texts[i].Text));
            var cosine = VectorMath.Cosine(texts[i].Embedding, embeddings[i]);
            Assert.True(cosine >= 0.999f, $"'{texts[i].Text}': cosine {cosine} < 0.999");
        }
    }

    [Fact]
    public void Images_decoded_and_preprocessed_in_csharp_embed_like_pytorch()
    {
        var images = Reference.Value.Images;

        var embeddings = Model.Images.EncodeImages(Preprocess(images.Select(i => i.File)), images.Count);

        for (var i = 0; i < images.Count; i++)
        {
            var cosine = VectorMath.Cosine(images[i].Embedding, embeddings[i]);
            Assert.True(cosine >= 0.999f, $"{images[i].File}: cosine {cosine} < 0.999");
        }
    }

    [Fact]
    public void A_caption_prefers_the_image_it_describes()
    {
        var images = Reference.Value.Images;
        var redCircle = images.Single(i => Named(i.File, "red", "circle")).File;
        var blueSquare = images.Single(i => Named(i.File, "blue", "square")).File;

        var pictures = Model.Images.EncodeImages(Preprocess([redCircle, blueSquare]), 2);
        var caption = Model.Text.EncodeTexts(["a photo of a red circle"])[0];

        Assert.True(VectorMath.Dot(caption, pictures[0]) > VectorMath.Dot(caption, pictures[1]),
            $"red circle {VectorMath.Dot(caption, pictures[0])} vs blue square {VectorMath.Dot(caption, pictures[1])}");
    }

    private float[] Preprocess(IEnumerable<string> fixtureFiles)
    {
        var spec = Model.Images.Preprocess;
        var files = fixtureFiles.ToArray();
        var tensors = new float[files.Length * spec.TensorLength];
        for (var i = 0; i < files.Length; i++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, files[i]));
            _preprocessor.ToTensor(bytes, spec, tensors.AsSpan(i * spec.TensorLength, spec.TensorLength));
        }
        return tensors;
    }

    private static bool Named(string file, params string[] words)
    {
        var name = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
        return words.All(name.Contains);
    }

    private sealed record ReferenceFile(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("images")] IReadOnlyList<ReferenceImage> Images,
        [property: JsonPropertyName("texts")] IReadOnlyList<ReferenceText> Texts);

    private sealed record ReferenceImage(string File, float[] Embedding);

    private sealed record ReferenceText(string Text, int[] Ids, float[] Embedding);
}
