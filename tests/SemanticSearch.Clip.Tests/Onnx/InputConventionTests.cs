using SemanticSearch.Clip.Onnx;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Onnx;

/// <summary>
/// A tiny model whose graphs take int32 ids with an attention mask and float16 pixels (tests/fixtures/models/io-variants,
/// made by make_io_variants.py there), with outputs that can be predicted: this proves what the encoders feed.
/// </summary>
public sealed class InputConventionTests : IDisposable
{
    private readonly ClipEmbeddingModel _model = ClipEmbeddingModel.Load(
        Path.Combine(RepoPaths.Fixtures, "models", "io-variants"), new ClipModelOptions());

    public void Dispose() => _model.Dispose();

    [Fact]
    public void Auto_falls_through_to_the_only_variant_present()
    {
        Assert.Equal(ModelVariant.Fp16, _model.Folder.Variant);
        Assert.Equal("io-variants", _model.ModelId);
        Assert.Equal(3, _model.Dimension);
        Assert.Equal(4, _model.Images.Preprocess.Size);
    }

    [Fact]
    public void Int32_ids_and_the_attention_mask_are_fed_as_declared_with_padding_to_the_longest_sequence()
    {
        int[][] ids = [[49406, 320, 49407], [49406, 320, 1125, 539, 49407], [49406, 49407]];

        var embeddings = _model.Text.EncodeTokenIds(ids);

        // Each row is [sum of real ids, number of mask ones, padded length] (normalised); all three
        // sequences share one batch padded to the longest (5).
        for (var i = 0; i < ids.Length; i++)
            AssertDirection([ids[i].Sum(), ids[i].Length, 5], embeddings[i], 1e-6);
    }

    [Fact]
    public void Padding_to_77_changes_only_the_padded_length()
    {
        var embedding = _model.Text.EncodeTokenIds([[49406, 320, 49407]], padToLength: 77)[0];

        AssertDirection([49406 + 320 + 49407, 3, 77], embedding, 1e-6);
    }

    [Fact]
    public void Float32_tensors_are_converted_for_a_float16_graph()
    {
        var spec = _model.Images.Preprocess;
        float[] means = [0.25f, -1.5f, 2.0f, 1.0f, 1.0f, -0.5f];
        var tensors = new float[2 * spec.TensorLength];
        for (var image = 0; image < 2; image++)
        {
            for (var c = 0; c < 3; c++)
                tensors.AsSpan(image * spec.TensorLength + c * spec.Size * spec.Size, spec.Size * spec.Size).Fill(means[image * 3 + c]);
        }

        var embeddings = _model.Images.EncodeImages(tensors, 2);

        AssertDirection([0.25, -1.5, 2.0], embeddings[0], 1e-3);
        AssertDirection([1.0, 1.0, -0.5], embeddings[1], 1e-3);
    }

    private static void AssertDirection(double[] expected, float[] actual, double tolerance)
    {
        var norm = Math.Sqrt(expected.Sum(x => x * x));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] / norm - actual[i]) <= tolerance, $"component {i}: expected {expected[i] / norm}, got {actual[i]}");
    }
}
