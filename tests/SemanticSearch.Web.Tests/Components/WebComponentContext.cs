using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Models;
using SemanticSearch.Core.Search;
using SemanticSearch.Imaging;
using SemanticSearch.Storage;
using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.Hosting;
using SemanticSearch.Web.ModelPulls;
using SemanticSearch.Web.QueryImages;
using SemanticSearch.Web.Security;
using SemanticSearch.Web.Tests.Fakes;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>A bUnit context with the web app's services over fakes of the engine (search, crawler, catalog).</summary>
internal sealed class WebComponentContext : BunitContext
{
    private readonly TempDirectory _data = new("semsearch-bunit-data");

    /// <param name="signedInAdmin">Cascade an authenticated admin (the admin page).</param>
    /// <param name="rateLimits">The search rate limit (the defaults unless given).</param>
    /// <param name="services">Registers more services (or replaces these) before anything is resolved.</param>
    public WebComponentContext(bool signedInAdmin = false, RateLimitingOptions? rateLimits = null, Action<IServiceCollection>? services = null)
    {
        (Catalog, CatalogFake) = InterfaceFake<ICatalogStore>.Create();
        (VectorIndex, VectorIndexFake) = InterfaceFake<IVectorIndex>.Create();
        (IndexStore, IndexStoreFake) = InterfaceFake<IVectorIndexStore>.Create();
        CatalogFake.Handlers["GetStats"] = _ => new CatalogStats { Indexed = 30, Failed = 1, Model = new CatalogModel("clip-demo", 4) };
        CatalogFake.Handlers["GetRecentFailures"] = _ => (IReadOnlyList<CatalogImage>)[];
        CatalogFake.Handlers["GetSources"] = _ => (IReadOnlyList<CatalogSource>)[];
        CatalogFake.Handlers["GetSourceImageCounts"] = _ => (IReadOnlyDictionary<long, SourceImageCounts>)new Dictionary<long, SourceImageCounts>();
        CatalogFake.Handlers["GetRecentRuns"] = _ => (IReadOnlyList<IndexRun>)[];
        CatalogFake.Handlers["GetImage"] = args => TestImages.Image((long)args[0]!);
        CatalogFake.Handlers["GetImages"] = args => (IReadOnlyDictionary<long, CatalogImage>)((IEnumerable<long>)args[0]!)
            .ToDictionary(id => id, id => TestImages.Image(id, $"image-{id:000}.jpg"));
        CatalogFake.Handlers["GetSource"] = args => new CatalogSource { Id = (long)args[0]!, Kind = SourceKind.Folder, Location = "/photos" };
        VectorIndexFake.Handlers["get_Count"] = _ => 30L;

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging();
        Services.AddMetrics();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Options.Create(new WebOptions()));
        Services.AddSingleton<ISearchService>(SearchService);
        Services.AddSingleton<IReindexService>(Reindex);
        Services.AddSingleton<IEmbeddingModel>(Model);
        Services.AddSingleton(Catalog);
        Services.AddSingleton<ICatalogReader>(Catalog);
        Services.AddSingleton(VectorIndex);
        Services.AddSingleton(IndexStore);
        // The real write owner over the fakes: the admin page's removals reach the catalog and index fakes through it.
        Services.AddSingleton<ICatalogWriter>(new IndexedCatalog(Catalog, IndexStore));
        // The answering model, as the model service reports it (the pages read its readiness and pending switch).
        (var models, ModelServiceFake) = InterfaceFake<IModelService>.Create();
        ModelServiceFake.Handlers["get_Readiness"] = _ => ModelReadiness.Ready;
        ModelServiceFake.Handlers["get_AnsweringModel"] = _ => Model.ModelId;
        ModelServiceFake.Handlers["get_Problem"] = _ => null;
        ModelServiceFake.Handlers["get_Pending"] = _ => null;
        Services.AddSingleton(models);
        Services.AddSingleton<ModelAvailability>();
        Services.AddSingleton<SearchMetrics>();
        Services.AddSingleton<InstrumentedSearch>();
        Services.AddSingleton<StatusReport>();
        Services.AddSingleton<SourceAdministration>();
        Services.AddImaging();
        // The web host's one image embedder (crawler side 320), over this context's model: the query admission asks it for its decode side.
        Services.AddSingleton<IImageEmbedder>(sp => new ImageEmbedder(
            Model.Images, sp.GetRequiredService<IImageDecoder>(), sp.GetRequiredService<IImagePreprocessor>(), thumbnailSide: 320));
        Services.AddSingleton<QueryImagePreview>();
        Services.AddSingleton(Options.Create(rateLimits ?? new RateLimitingOptions()));
        Services.AddSingleton<SearchAdmission>();
        Services.AddHttpContextAccessor();
        Services.AddScoped<SearchClient>();
        Services.AddSingleton<QueryImageAdmission>();
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        // Query images are kept in a real folder: the page's image links are read back from it.
        Services.AddSingleton(new DataFolder(_data.Path));
        Services.AddSingleton(Options.Create(new QueryImageOptions()));
        Services.AddSingleton<QueryImageStore>();
        // The models panel pulls through the real queue; tests that pull register a store over a local server instead.
        Services.AddSingleton(new ModelStore(new ModelStoreOptions(), Path.Combine(_data.Path, "models")));
        Services.AddSingleton<ModelPullQueue>();
        // The admin page's models panel lists the models and listens for changes (none here).
        ModelServiceFake.Handlers["List"] = _ => (IReadOnlyList<ModelListing>)[];
        ModelServiceFake.Handlers["add_Changed"] = _ => null;
        ModelServiceFake.Handlers["remove_Changed"] = _ => null;
        services?.Invoke(Services);
        PersistentState = AddBunitPersistentComponentState();
        if (signedInAdmin)
            this.AddAuthorization().SetAuthorized("admin").SetRoles(AdminAuth.Role);
        // Pages render as they do in a live circuit (interactive server). This builds the renderer: register services first.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public FakeSearchService SearchService { get; } = new();

    /// <summary>The "loaded" model; its card can be set before rendering.</summary>
    public FakeEmbeddingModel Model { get; } = new();

    /// <summary>What a prerender hands to the circuit.</summary>
    public BunitPersistentComponentState PersistentState { get; }

    public QueryImageStore QueryImages => Services.GetRequiredService<QueryImageStore>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _data.Dispose();
    }

    public FakeReindexService Reindex { get; } = new();

    public ICatalogStore Catalog { get; }

    public InterfaceFake<ICatalogStore> CatalogFake { get; }

    public IVectorIndex VectorIndex { get; }

    public InterfaceFake<IVectorIndex> VectorIndexFake { get; }

    public IVectorIndexStore IndexStore { get; }

    public InterfaceFake<IVectorIndexStore> IndexStoreFake { get; }

    /// <summary>The model service the pages see.</summary>
    public InterfaceFake<IModelService> ModelServiceFake { get; }
}
