using System.Numerics.Tensors;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Imaging;
using SemanticSearch.Tests.Shared;
using Xunit.Abstractions;

namespace SemanticSearch.Clip.Tests.Families;

/// <summary>
/// Each random-weight family, loaded from its own layout, against PyTorch (tools/model_families/make_family_exports.py):
/// texts through our tokenizer and padding, photos through our decoder and the family's preprocessing.
/// </summary>
public sealed class ModelFamilyParityTests(ITestOutputHelper output) : IDisposable
{
    private const float MinCosine = 0.999f;
    private readonly TempDirectory _temp = new("semsearch-family");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Families() => new() { "openai-openclip", "openai-hf", "openclip", "siglip2", "mclip", "nllb-clip" };

    [Theory]
    [MemberData(nameof(Families))]
    public void Image_embeddings_equal_the_PyTorch_reference(string family)
    {
        using var model = Load(family);
        var preprocessor = new ClipImagePreprocessor(new SkiaImageDecoder());
        var spec = model.Images.Preprocess;
        foreach (var reference in FamilyReference.Of(family).Images)
        {
            var tensor = new float[spec.TensorLength];
            preprocessor.ToTensor(File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "photos", reference.Image)), spec, tensor);

            var embedding = model.Images.EncodeImages(tensor, 1)[0];

            AssertClose(family, reference.Image, reference.Embedding, embedding);
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Token_id_embeddings_equal_the_PyTorch_reference(string family)
    {
        using var model = Load(family);
        var references = FamilyReference.Of(family).Texts;

        var embeddings = model.Text.EncodeTokenIds(references.Select(r => r.Ids).ToArray());

        for (var i = 0; i < references.Length; i++)
            AssertClose(family, string.Join(' ', references[i].Ids), references[i].Embedding, embeddings[i]);
    }

    [Theory]
    [InlineData("openai-openclip")]
    [InlineData("openai-hf")]
    [InlineData("openclip")]
    [InlineData("siglip2")]
    public void Text_embeddings_equal_the_PyTorch_reference(string family)
    {
        using var model = Load(family);
        var references = FamilyReference.Of(family).Texts;

        var embeddings = model.Text.EncodeTexts(references.Select(r => r.Text!).ToArray());

        for (var i = 0; i < references.Length; i++)
        {
            Assert.Equal(references[i].Ids, model.Text.Tokenizer.EncodeForModel(references[i].Text!, model.Text.ContextLength));
            AssertClose(family, references[i].Text!, references[i].Embedding, embeddings[i]);
        }
    }

    [Fact]
    public void SigLIP_texts_are_padded_to_the_full_context_with_the_pad_token()
    {
        using var model = Load("siglip2");
        var reference = FamilyReference.Of("siglip2");

        Assert.Equal(reference.ContextLength, model.Text.ContextLength);
        Assert.Equal(reference.PadId, model.Text.PadId);
        // Pooled at the last position: without padding to 64 the short sequences would give other embeddings.
        var embedding = model.Text.EncodeTokenIds([reference.Texts[2].Ids])[0];
        AssertClose("siglip2", "short", reference.Texts[2].Embedding, embedding);
    }

    [Fact]
    public void The_pad_token_of_tokenizer_config_is_looked_up_in_the_tokenizer()
    {
        using var openAi = Load("openai-openclip");
        using var openClip = Load("openclip");

        Assert.Equal(49407, openAi.Text.PadId);   // <|endoftext|>
        Assert.Equal(0, openClip.Text.PadId);     // "!"
        Assert.Equal(77, openAi.Text.ContextLength);
    }

    [Fact]
    public void OpenAI_CLIP_gives_the_same_embeddings_in_both_layouts()
    {
        using var openClip = Load("openai-openclip");
        using var huggingFace = Load("openai-hf");
        string[] texts = ["a photo of a cat", "a dog"];

        var a = openClip.Text.EncodeTexts(texts);
        var b = huggingFace.Text.EncodeTexts(texts);

        for (var i = 0; i < texts.Length; i++)
            AssertClose("both layouts", texts[i], a[i], b[i]);
        Assert.Equal(openClip.Dimension, huggingFace.Dimension);
    }

    [Fact]
    public void The_pad_token_must_exist_in_the_tokenizer()
    {
        var dir = ModelFamilyFolders.Materialize("openclip", _temp.Path);
        File.WriteAllText(Path.Combine(dir, "textual", "tokenizer_config.json"), "{\"pad_token\": \"<no-such-token>\"}");

        var error = Assert.Throws<ClipModelException>(() => ClipEmbeddingModel.Load(dir, new ClipModelOptions()));

        Assert.Contains("<no-such-token>", error.Message);
    }

    private ClipEmbeddingModel Load(string family) =>
        ClipEmbeddingModel.Load(ModelFamilyFolders.Materialize(family, _temp.Combine(Guid.NewGuid().ToString("N"))), new ClipModelOptions());

    private void AssertClose(string family, string what, float[] expected, float[] actual)
    {
        var cosine = TensorPrimitives.CosineSimilarity(expected, actual);
        output.WriteLine($"{family} {what}: cosine {cosine:F6}");
        Assert.True(cosine >= MinCosine, $"{family} {what}: cosine {cosine:F6} < {MinCosine}");
    }
}
