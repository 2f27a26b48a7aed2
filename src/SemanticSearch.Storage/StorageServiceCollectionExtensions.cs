using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Models;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Storage;

/// <summary>Registers the catalog, the vector index and the search service.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DataFolder"/> (from <c>SemanticSearch:DataDirectory</c> unless already registered),
    /// <see cref="ICatalogStore"/> (with its narrow sides <see cref="ICatalogReader"/> and <see cref="ICrawlCatalog"/>),
    /// <see cref="IVectorIndexStore"/> and <see cref="IVectorIndex"/> (the recovered index, lent
    /// through <see cref="BorrowedVectorIndex"/> so that only the store frees it)
    /// as singletons, <see cref="ICatalogWriter"/> (<see cref="IndexedCatalog"/>, writing the catalog and whichever
    /// <see cref="IVectorIndexStore"/> is registered, the answering model's when AddModelService came first), and
    /// <see cref="ISearchService"/>. Options: <c>SemanticSearch:Index</c> and <c>SemanticSearch:Search</c>.
    /// With <paramref name="readOnly"/> the index is memory-mapped when current and never saved (search-only tools).
    /// The search service needs an IEmbeddingModel and an IImageEmbedder (AddClip, AddImaging, AddCrawler).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<VectorIndexOptions>()
            .Bind(configuration.GetSection(VectorIndexOptions.Section))
            .Validate(o => o.Validate().Count == 0, "Invalid SemanticSearch:Index settings (see VectorIndexOptions.Validate).")
            .ValidateOnStart();
        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.Section))
            .Validate(o => o.Validate().Count == 0, "Invalid SemanticSearch:Search settings (see SearchOptions.Validate).")
            .ValidateOnStart();

        services.TryAddSingleton(_ => new DataFolder(configuration["SemanticSearch:DataDirectory"]).EnsureExists());
        services.TryAddSingleton<ICatalogStore>(sp => new CatalogStore(sp.GetRequiredService<DataFolder>().CatalogPath));
        // Narrow views of the one catalog, lent (not disposable), so only the ICatalogStore registration closes it.
        services.TryAddSingleton<ICrawlCatalog>(sp => new LentCatalog(sp.GetRequiredService<ICatalogStore>()));
        services.TryAddSingleton<ICatalogReader>(sp => sp.GetRequiredService<ICrawlCatalog>());
        services.TryAddSingleton(sp => VectorIndexStore.Open(
            sp.GetRequiredService<ICatalogStore>(),
            sp.GetRequiredService<DataFolder>().VectorIndexPath,
            sp.GetRequiredService<IOptions<VectorIndexOptions>>().Value,
            readOnly,
            sp.GetService<ILoggerFactory>()?.CreateLogger<VectorIndexStore>()));
        services.TryAddSingleton<IVectorIndexStoreOpener>(sp => new VectorIndexStoreOpener(
            sp.GetRequiredService<ICatalogStore>(),
            sp.GetRequiredService<DataFolder>().VectorIndexPath,
            sp.GetRequiredService<IOptions<VectorIndexOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<VectorIndexStore>()));
        services.TryAddSingleton<IModelVectorStore>(sp => new ModelVectorTable((CatalogStore)sp.GetRequiredService<ICatalogStore>()));
        services.TryAddSingleton<IVectorIndexStore>(sp => sp.GetRequiredService<VectorIndexStore>());
        // Lent, not given (the container disposes what a factory returns, and only the store may free its index).
        services.TryAddSingleton<IVectorIndex>(sp => sp.GetRequiredService<VectorIndexStore>().Index);
        services.TryAddSingleton<ICatalogWriter>(sp => new IndexedCatalog(
            sp.GetRequiredService<ICatalogStore>(), sp.GetRequiredService<IVectorIndexStore>()));
        services.TryAddSingleton<ISearchService>(sp => ActivatorUtilities.CreateInstance<SearchService>(
            sp, sp.GetRequiredService<IOptions<SearchOptions>>().Value));
        return services;
    }
}
