using System.Numerics.Tensors;
using System.Text.Json;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;
using SkiaSharp;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch embed</c> prints the vector <c>semsearch index</c> stores for the same file.</summary>
public sealed class EmbedCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("semsearch-cli-embed");

    [Fact]
    public async Task Embed_prints_exactly_the_embedding_that_indexing_stored_for_a_large_jpeg()
    {
        // A random-weight export reacts to the DCT-scale differences the demo model shrugs off (see MoirePattern).
        var model = ModelFamilyFolders.Materialize("openai-hf", _work.Combine("models"));
        var photos = Directory.CreateDirectory(_work.Combine("photos")).FullName;
        var photo = Path.Combine(photos, "pattern.jpg");
        File.WriteAllBytes(photo, MoireJpeg(4000, 3700));
        File.WriteAllText(_work.Combine("appsettings.json"), $$"""
            { "SemanticSearch": { "DataDirectory": "data", "Sources": [], "Model": { "Path": {{JsonSerializer.Serialize(model)}} } } }
            """);
        await Succeed("sources", "add", photos);
        await Succeed("index");

        var printed = await Succeed("embed", "--model", model, "--image", photo);

        var embedding = JsonDocument.Parse(printed.Trim()).RootElement.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        using var catalog = new CatalogStore(_work.Combine("data", "catalog.db"));
        var id = Assert.Single(catalog.FindIndexedIds(SearchFilter.None, 10));
        var stored = catalog.GetEmbedding(id)!;
        var cosine = TensorPrimitives.CosineSimilarity(stored, embedding);
        Assert.True(cosine >= 0.99999f, $"cosine between embed's output and the stored embedding was {cosine:R}");
    }

    private async Task<string> Succeed(params string[] arguments)
    {
        var (exit, output, error) = await SemsearchProcess.RunAsync(_work.Path, arguments);
        Assert.True(exit == 0, $"semsearch {string.Join(' ', arguments)} exited {exit}:\n{output}\n{error}");
        return output;
    }

    private static byte[] MoireJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = MoirePattern.Rgba(width, height);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    public void Dispose() => _work.Dispose();
}
