using System.Net.Http.Headers;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;
using SkiaSharp;

namespace SemanticSearch.Web.Tests.QueryImages;

/// <summary>
/// A file indexed by the crawler and then uploaded as a query must embed identically on both paths. The photo is a
/// JPEG large enough that DCT-scaled decoding picks a different scale for the model input alone (224 px) than for the
/// model input plus the thumbnail (320 px), which is how the query and crawler paths used to differ. The host runs a
/// random-weight export (tests/fixtures/model-families): the demo model, trained on shapes and colours only, barely
/// reacts to the difference (cosine 0.9999987), a random one does.
/// </summary>
public sealed class QueryEmbeddingParityTests : IAsyncLifetime
{
    private readonly TempDirectory _photos = new("semsearch-web-parity");
    private readonly TempDirectory _models = new("semsearch-web-parity-models");
    private WebAppFixture? _app;

    public async Task InitializeAsync()
    {
        File.WriteAllBytes(_photos.Combine("large-pattern.jpg"), LargeDetailedJpeg(4000, 3700));
        _app = new WebAppFixture(new Dictionary<string, string?>
        {
            ["SemanticSearch:Sources:1:Kind"] = "Folder",
            ["SemanticSearch:Sources:1:Location"] = _photos.Path,
            ["SemanticSearch:Model:Path"] = ModelFamilyFolders.Materialize("openai-hf", _models.Path),
        });
        await _app.InitializeAsync();
    }

    [Fact]
    public async Task A_large_jpeg_uploaded_as_a_query_gets_exactly_the_embedding_stored_at_indexing()
    {
        var app = _app!;
        var id = app.IdOf("large-pattern.jpg");
        using var body = new ByteArrayContent(File.ReadAllBytes(_photos.Combine("large-pattern.jpg")));
        body.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");

        // The API rounds scores to 4 decimals, so the exact cosine is tested by the search's own minimum-score filter.
        var results = await SearchResultsJson.ReadAsync(await app.Client.PostAsync("/api/search/image?k=3&minScore=0.99999", body));

        var top = Assert.Single(results.Results);
        Assert.Equal(id, top.Id);
    }

    /// <summary>A 1/8 DCT-scaled decode (3700 / 8 = 462 px, enough for the model input alone) turns its pattern into a
    /// moiré that the 1/4 decode serving the thumbnail too does not show.</summary>
    private static byte[] LargeDetailedJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = MoirePattern.Rgba(width, height);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _photos.Dispose();
        _models.Dispose();
    }
}
