using SemanticSearch.Clip;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Search;
using SemanticSearch.Imaging;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Search;

/// <summary>
/// The whole demo gallery (about 300 images of coloured shapes) embedded by the real demo model into a real catalog
/// and index in a temp folder, as the crawler would: what a fresh install searches.
/// </summary>
public sealed class DemoGalleryFixture : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-demo-gallery");

    public DemoGalleryFixture()
    {
        Model = ClipEmbeddingModel.Load(new ClipModelOptions { Path = RepoPaths.DemoModel });
        var decoder = new SkiaImageDecoder();
        Embedder = new ImageEmbedder(Model.Images, decoder, new ClipImagePreprocessor(decoder), SearchFixture.CrawlerThumbnailSide);
        Catalog = new CatalogStore(_temp.Combine("catalog.db"));
        Catalog.EnsureModel(Model.ModelId, Model.Dimension);
        Store = VectorIndexStore.Open(Catalog, _temp.Combine("vectors.usearch"), new VectorIndexOptions());
        var sourceId = Catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = RepoPaths.DemoGallery }).Id;

        var spec = Embedder.Preprocess;
        var images = new List<EmbeddedImage>();
        var files = Directory.GetFiles(RepoPaths.DemoGallery)
            .Where(p => p.EndsWith(".jpg", StringComparison.Ordinal) || p.EndsWith(".png", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            var tensor = new float[spec.TensorLength];
            var decoded = Embedder.Prepare(bytes, tensor);
            images.Add(new EmbeddedImage
            {
                SourceId = sourceId,
                Location = path,
                Size = bytes.Length,
                Modified = File.GetLastWriteTimeUtc(path),
                ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
                Width = decoded.Metadata.Width,
                Height = decoded.Metadata.Height,
                Format = decoded.Metadata.Format,
                Embedding = Embedder.Encode(tensor, 1)[0],
            });
        }
        Store.Apply(Catalog.WriteBatch(new CatalogBatch { Indexed = images }));
        Count = images.Count;
    }

    public ClipEmbeddingModel Model { get; }

    public CatalogStore Catalog { get; }

    public VectorIndexStore Store { get; }

    /// <summary>Images indexed.</summary>
    public int Count { get; }

    /// <summary>The image embedder the catalog was filled with.</summary>
    public ImageEmbedder Embedder { get; }

    public SearchService Service() => new(Model, Embedder, Catalog, Store.Index);

    public void Dispose()
    {
        Store.Dispose();
        Catalog.Dispose();
        Model.Dispose();
        _temp.Dispose();
    }
}
