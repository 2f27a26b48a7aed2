using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SemanticSearch.Clip;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Index;
using SemanticSearch.Crawler.Pipeline;
using SemanticSearch.Imaging;
using SemanticSearch.Storage;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>
/// The crawler wired to real components over a temp data folder: SQLite catalog, vector index, Skia imaging and the
/// ONNX demo model (behind a counting decorator), registered exactly as the programs do.
/// </summary>
internal sealed class CrawlerHarness : IDisposable
{
    private readonly string _dataPath;
    private readonly TempDirectory? _ownedData;
    private readonly ServiceProvider _services;

    private CrawlerHarness(string dataPath, TempDirectory? ownedData, ServiceProvider services, CountingEmbeddingModel model)
    {
        _dataPath = dataPath;
        _ownedData = ownedData;
        _services = services;
        Model = model;
    }

    /// <param name="settings">Configuration overrides.</param>
    /// <param name="dataPath">An existing data folder to reopen (kept on dispose); null for a fresh temp one.</param>
    /// <param name="modelId">Pretend the demo model has this id (a model change).</param>
    public static CrawlerHarness Create(IDictionary<string, string?>? settings = null, string? dataPath = null, string? modelId = null)
    {
        var owned = dataPath is null ? new TempDirectory("semsearch-crawl-data") : null;
        dataPath ??= owned!.Path;
        var values = new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = dataPath,
            ["SemanticSearch:Model:Path"] = RepoPaths.DemoModel,
            ["SemanticSearch:Crawler:Workers"] = "2",
            ["SemanticSearch:Crawler:BatchSize"] = "8",
            ["SemanticSearch:Crawler:PerHostRequestsPerSecond"] = "0",
            ["SemanticSearch:Crawler:HttpTimeoutSeconds"] = "2",
            ["SemanticSearch:Crawler:HttpRetries"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.TryAddSingleton(new DataFolder(dataPath).EnsureExists());
        services.AddStorage(configuration);
        services.AddImaging();
        services.AddClip(configuration);
        services.AddCrawler(configuration);
        // Last registration wins: the pipeline gets the real model behind a counter.
        services.AddSingleton(sp => new CountingEmbeddingModel(sp.GetRequiredService<ClipEmbeddingModel>(), modelId));
        services.AddSingleton<IEmbeddingModel>(sp => sp.GetRequiredService<CountingEmbeddingModel>());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        // Validate options the way a host does on start.
        _ = provider.GetRequiredService<IOptions<CrawlerOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ConfiguredSources>>().Value;
        return new CrawlerHarness(dataPath, owned, provider, provider.GetRequiredService<CountingEmbeddingModel>());
    }

    public CountingEmbeddingModel Model { get; }

    public CountingImageEncoder Encoder => Model.Counter;

    public string DataPath => _dataPath;

    public IServiceProvider Services => _services;

    public ICatalogStore Catalog => _services.GetRequiredService<ICatalogStore>();

    public IVectorIndexStore IndexStore => _services.GetRequiredService<IVectorIndexStore>();

    public IVectorIndex Index => IndexStore.Index;

    public IndexingPipeline Pipeline => _services.GetRequiredService<IndexingPipeline>();

    public ReindexService Reindex => _services.GetRequiredService<ReindexService>();

    internal ContentReader Reader => _services.GetRequiredService<ContentReader>();

    public CatalogSource AddFolder(string path, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null, bool watch = false) =>
        Catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = path, Include = include ?? [], Exclude = exclude ?? [], Watch = watch });

    public CatalogSource AddWeb(string url, int maxDepth = 1) =>
        Catalog.AddSource(new CatalogSource { Kind = SourceKind.Web, Location = url, MaxDepth = maxDepth });

    public Task<CrawlRunSummary> IndexAsync(ReindexMode mode = ReindexMode.Incremental) =>
        Pipeline.RunAsync(new CrawlRequest(mode));

    /// <summary>Every row of a source (including deleted ones), by location.</summary>
    public Dictionary<string, CatalogImage> Rows(long sourceId)
    {
        var ids = Catalog.GetKnownImages(sourceId).Values.Select(k => k.Id).ToList();
        return Catalog.GetImages(ids).Values.ToDictionary(i => i.Location, StringComparer.Ordinal);
    }

    /// <summary>A row by id, whatever its status.</summary>
    public CatalogImage Row(long id) => Catalog.GetImage(id) ?? throw new InvalidOperationException($"No image {id}.");

    public void Dispose()
    {
        _services.Dispose();
        _ownedData?.Dispose();
    }
}
