using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Onnx;

/// <summary>The ONNX encoders on the real demo model.</summary>
public sealed class ClipEncoderTests(DemoModelFixture demo) : IClassFixture<DemoModelFixture>
{
    private static readonly string[] Captions =
    [
        "a photo of a red circle",
        "two small blue stars on a white background",
        "a green triangle",
        "a",
        "a very large yellow heart in the top left corner of a black background next to a small purple square",
    ];

    private ClipEmbeddingModel Model => demo.Model;

    [Fact]
    public void Text_embeddings_are_unit_length_and_deterministic()
    {
        var first = Model.Text.EncodeTexts(Captions);
        var second = Model.Text.EncodeTexts(Captions);

        Assert.Equal(Captions.Length, first.Length);
        foreach (var (a, b) in first.Zip(second))
        {
            Assert.Equal(Model.Dimension, a.Length);
            Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(a, a)), 5);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Image_embeddings_are_unit_length_and_deterministic()
    {
        var tensors = Tensors(3, seed: 1);

        var first = Model.Images.EncodeImages(tensors, 3);
        var second = Model.Images.EncodeImages(tensors, 3);

        foreach (var (a, b) in first.Zip(second))
        {
            Assert.Equal(Model.Dimension, a.Length);
            Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(a, a)), 5);
            Assert.Equal(a, b);
        }
        // Different images must not collapse onto one vector.
        Assert.True(VectorMath.Dot(first[0], first[1]) < 0.99999f);
    }

    [Fact]
    public void Texts_encoded_in_a_batch_match_texts_encoded_alone()
    {
        var batch = Model.Text.EncodeTexts(Captions);

        for (var i = 0; i < Captions.Length; i++)
            AssertClose(Model.Text.EncodeTexts([Captions[i]])[0], batch[i], 1e-5f);
    }

    [Fact]
    public void Images_encoded_in_a_batch_match_images_encoded_alone()
    {
        var tensors = Tensors(4, seed: 2);
        var each = Model.Images.Preprocess.TensorLength;

        var batch = Model.Images.EncodeImages(tensors, 4);

        for (var i = 0; i < 4; i++)
            AssertClose(Model.Images.EncodeImages(tensors.AsMemory(i * each, each), 1)[0], batch[i], 1e-5f);
    }

    [Fact]
    public void Padding_to_the_longest_in_the_batch_equals_padding_to_77()
    {
        var ids = Captions.Select(c => Model.Text.Tokenizer.EncodeForModel(c, Model.Text.ContextLength)).ToArray();
        Assert.True(ids.Max(s => s.Length) < 77);

        var dynamic = Model.Text.EncodeTokenIds(ids);
        var padded = Model.Text.EncodeTokenIds(ids, padToLength: 77);

        for (var i = 0; i < ids.Length; i++)
            AssertClose(padded[i], dynamic[i], 1e-5f);
    }

    [Fact]
    public void Inputs_larger_than_the_batch_size_are_split()
    {
        using var small = ClipEmbeddingModel.Load(RepoPaths.DemoModel, new ClipModelOptions { BatchSize = 2 });
        var tensors = Tensors(5, seed: 3);

        var texts = small.Text.EncodeTexts(Captions);
        var images = small.Images.EncodeImages(tensors, 5);

        Assert.Equal(2, small.Images.BatchSize);
        var expectedTexts = Model.Text.EncodeTexts(Captions);
        var expectedImages = Model.Images.EncodeImages(tensors, 5);
        for (var i = 0; i < 5; i++)
        {
            AssertClose(expectedTexts[i], texts[i], 1e-5f);
            AssertClose(expectedImages[i], images[i], 1e-5f);
        }
    }

    [Fact]
    public void Concurrent_callers_get_the_same_results()
    {
        var expected = Model.Text.EncodeTexts(Captions);

        var results = Enumerable.Range(0, 4).AsParallel().Select(_ => Model.Text.EncodeTexts(Captions)).ToArray();

        foreach (var result in results)
        {
            for (var i = 0; i < Captions.Length; i++)
                AssertClose(expected[i], result[i], 1e-5f);
        }
    }

    [Fact]
    public void Empty_input_gives_empty_output_and_short_tensors_are_rejected()
    {
        Assert.Empty(Model.Text.EncodeTexts([]));
        Assert.Empty(Model.Images.EncodeImages(ReadOnlyMemory<float>.Empty, 0));
        Assert.Throws<ArgumentException>(() => Model.Images.EncodeImages(new float[10], 1));
    }

    [Fact]
    public void A_cancelled_call_throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Model.Text.EncodeTexts(Captions, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Model.Images.EncodeImages(Tensors(1, 4), 1, cts.Token));
    }

    [Fact]
    public void The_model_reports_its_id_and_dimension()
    {
        Assert.Equal("clip-demo", Model.ModelId);
        Assert.Equal(Model.Folder.ProjectionDim ?? Model.Dimension, Model.Dimension);
        Assert.Equal(Model.Dimension, Model.Images.Dimension);
        IEmbeddingModel contract = Model;
        Assert.Same(Model.Text, contract.Text);
        Assert.Same(Model.Images, contract.Images);
    }

#if !SEMSEARCH_CUDA
    [Fact]
    public void Asking_for_cuda_in_a_cpu_build_is_a_clear_error()
    {
        var error = Assert.Throws<ClipModelException>(() =>
            ClipEmbeddingModel.Load(RepoPaths.DemoModel, new ClipModelOptions { ExecutionProvider = ExecutionProviderKind.Cuda }));

        Assert.Contains("UseCuda=true", error.Message);
    }
#endif

    /// <summary>Plausible normalised pixel tensors (values roughly in CLIP's input range).</summary>
    private float[] Tensors(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count * Model.Images.Preprocess.TensorLength];
        for (var i = 0; i < data.Length; i++)
            data[i] = (float)(random.NextDouble() * 3.6 - 1.8);
        return data;
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"max abs difference {worst} > {tolerance}");
    }
}
