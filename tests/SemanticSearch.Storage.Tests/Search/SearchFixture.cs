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
/// A real catalog (SQLite in a temp folder) and HNSW index filled with the fixture photos, embedded by the real demo
/// model through the real decoder and preprocessor, as the crawler would. Shared by the search tests (read-only).
/// </summary>
public sealed class SearchFixture : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-search");

    public SearchFixture()
    {
        Model = ClipEmbeddingModel.Load(new ClipModelOptions { Path = RepoPaths.DemoModel });
        Decoder = new SkiaImageDecoder();
        Preprocessor = new ClipImagePreprocessor(Decoder);
        Embedder = new ImageEmbedder(Model.Images, Decoder, Preprocessor, CrawlerThumbnailSide);
        Catalog = new CatalogStore(_temp.Combine("catalog.db"));
        Catalog.EnsureModel(Model.ModelId, Model.Dimension);
        Store = VectorIndexStore.Open(Catalog, _temp.Combine("vectors.usearch"), new VectorIndexOptions { ExactBelow = 0 });
        SourceId = Catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = PhotosFolder }).Id;

        var spec = Embedder.Preprocess;
        var images = new List<EmbeddedImage>();
        foreach (var path in Directory.GetFiles(PhotosFolder).Where(p => !p.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var tensor = new float[spec.TensorLength];
            var decoded = Embedder.Prepare(bytes, tensor);
            images.Add(new EmbeddedImage
            {
                SourceId = SourceId,
                Location = path,
                Size = bytes.Length,
                Modified = File.GetLastWriteTimeUtc(path),
                ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
                Width = decoded.Metadata.Width,
                Height = decoded.Metadata.Height,
                Format = decoded.Metadata.Format,
                DateTaken = decoded.Metadata.DateTaken,
                Embedding = Embedder.Encode(tensor, 1)[0],
            });
        }
        var result = Catalog.WriteBatch(new CatalogBatch { Indexed = images });
        Store.Apply(result);
        Ids = images.Select((image, i) => (image.Location, Id: result.IndexedIds[i])).ToDictionary(x => Path.GetFileName(x.Location), x => x.Id);
    }

    public static string PhotosFolder => Path.Combine(RepoPaths.Fixtures, "photos");

    public ClipEmbeddingModel Model { get; }

    public SkiaImageDecoder Decoder { get; }

    public ClipImagePreprocessor Preprocessor { get; }

    /// <summary>The crawler's default thumbnail side, so the fixture embeds exactly as an indexing run would.</summary>
    public const int CrawlerThumbnailSide = 320;

    /// <summary>The image embedder the catalog was filled with and the search services use.</summary>
    public ImageEmbedder Embedder { get; }

    public CatalogStore Catalog { get; }

    public VectorIndexStore Store { get; }

    public long SourceId { get; }

    /// <summary>Catalog id per fixture file name.</summary>
    public IReadOnlyDictionary<string, long> Ids { get; }

    public SearchService Service(SearchOptions? options = null) =>
        new(Model, Embedder, Catalog, Store.Index, options);

    public void Dispose()
    {
        Store.Dispose();
        Catalog.Dispose();
        Model.Dispose();
        _temp.Dispose();
    }
}
