using System.Numerics.Tensors;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Clip.Tests.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Embedding;

/// <summary>The one image embedder on the real demo model, decoder and preprocessor.</summary>
public sealed class ImageEmbedderTests(DemoModelFixture demo) : IClassFixture<DemoModelFixture>
{
    private const int ThumbnailSide = 320;

    private static readonly string[] Photos = ["coffee-3000x2000.jpg", "chelsea.jpg", "chelsea-orientation6.jpg", "astronaut-alpha.png", "coffee.webp"];

    private ImageEmbedder Embedder(int thumbnailSide = ThumbnailSide)
    {
        var decoder = new SkiaImageDecoder();
        return new ImageEmbedder(demo.Model.Images, decoder, new ClipImagePreprocessor(decoder), thumbnailSide);
    }

    private static byte[] Photo(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "photos", name));

    [Fact]
    public void The_batch_form_embeds_each_image_as_the_single_form_does()
    {
        var embedder = Embedder();

        var batch = embedder.EmbedBatch([.. Photos.Select(p => (ReadOnlyMemory<byte>)Photo(p))]);

        Assert.Equal(Photos.Length, batch.Length);
        for (var i = 0; i < Photos.Length; i++)
        {
            var single = embedder.Embed(Photo(Photos[i]));
            Assert.Equal(embedder.Dimension, batch[i].Length);
            var cosine = TensorPrimitives.CosineSimilarity(single, batch[i]);
            Assert.True(cosine >= 0.99999f, $"{Photos[i]}: batch vs single cosine {cosine:R}");
        }
    }

    [Fact]
    public void Prepare_then_encode_gives_the_embedding_of_embed()
    {
        var embedder = Embedder();
        var tensor = new float[embedder.Preprocess.TensorLength];

        var decoded = embedder.Prepare(Photo("coffee-3000x2000.jpg"), tensor);
        var encoded = embedder.Encode(tensor, 1)[0];

        Assert.Equal(3000, decoded.Metadata.Width);
        Assert.True(TensorPrimitives.CosineSimilarity(encoded, embedder.Embed(Photo("coffee-3000x2000.jpg"))) >= 0.99999f);
    }

    [Fact]
    public void Every_decode_keeps_the_larger_of_the_model_input_and_the_thumbnail_side()
    {
        var embedder = Embedder();
        var modelOnly = Embedder(thumbnailSide: 0);

        var decoded = embedder.Decode(Photo("coffee-3000x2000.jpg"));

        Assert.Equal(Math.Max(ThumbnailSide, embedder.Preprocess.Size), embedder.DecodeSide);
        Assert.Equal(embedder.Preprocess.Size, modelOnly.DecodeSide);
        Assert.True(Math.Min(decoded.Pixels.Width, decoded.Pixels.Height) >= embedder.DecodeSide,
            $"decoded {decoded.Pixels.Width}x{decoded.Pixels.Height}, decode side {embedder.DecodeSide}");
        Assert.True(decoded.Pixels.Width < 3000, "a large JPEG is still decoded at a reduced DCT scale");
    }

    [Fact]
    public void A_large_jpeg_decoded_for_the_model_input_alone_embeds_differently_than_at_the_shared_decode_side()
    {
        // What the query path did before one embedder: decode at the model input's side, while the crawler decoded at
        // the thumbnail's. The difference is what the web test of a query against its own stored embedding catches.
        // A random-weight export: unlike the demo model, trained to see shapes and colours only, it reacts to the
        // pixel-level differences that different DCT scales leave.
        using var model = ClipEmbeddingModel.Load(Path.Combine(ModelFamilyFolders.Root, "openai-hf"), new ClipModelOptions());
        var decoder = new SkiaImageDecoder();
        var preprocessor = new ClipImagePreprocessor(decoder);
        var jpeg = MoireJpeg(4000, 3700);

        var shared = new ImageEmbedder(model.Images, decoder, preprocessor, ThumbnailSide).Embed(jpeg);
        var modelInputOnly = new ImageEmbedder(model.Images, decoder, preprocessor, 0).Embed(jpeg);

        var cosine = TensorPrimitives.CosineSimilarity(shared, modelInputOnly);
        Assert.True(cosine < 0.99999f, $"cosine {cosine:R}");
    }

    private static byte[] MoireJpeg(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(width, height, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Opaque));
        var pixels = MoirePattern.Rgba(width, height);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    [Fact]
    public void A_batch_with_an_undecodable_image_fails_with_the_decoders_reason()
    {
        var embedder = Embedder();
        byte[] truncated = Photo("chelsea.jpg")[..200];

        var error = Assert.Throws<ImageDecodeException>(() => embedder.EmbedBatch([Photo("chelsea.jpg"), truncated]));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void An_empty_batch_embeds_nothing_without_running_the_model()
    {
        Assert.Empty(Embedder().EmbedBatch([]));
    }
}
