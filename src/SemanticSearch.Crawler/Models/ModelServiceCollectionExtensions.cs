using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Models;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Crawler.Models;

/// <summary>Registers the model service and the answering views of the model, the index and search.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IModelService"/> (<see cref="ModelService"/>) and registers <see cref="IEmbeddingModel"/>,
    /// <see cref="IImageEmbedder"/>, <see cref="IVectorIndexStore"/>, <see cref="IVectorIndex"/> and
    /// <see cref="ISearchService"/> as views of its answering model. Call before AddClip, AddStorage and AddCrawler,
    /// which then keep these. Binds <c>SemanticSearch:ModelSwitch</c>, validated on start.
    /// </summary>
    public static IServiceCollection AddModelService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelSwitchOptions>()
            .Bind(configuration.GetSection(ModelSwitchOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelSwitchOptions>, ModelSwitchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CrawlerRunGate>();
        services.TryAddSingleton<SearchFlipGate>();
        services.TryAddSingleton<ModelService>();
        services.TryAddSingleton<IModelService>(sp => sp.GetRequiredService<ModelService>());
        services.TryAddSingleton<IEmbeddingModel, AnsweringEmbeddingModel>();
        services.TryAddSingleton<IImageEmbedder, AnsweringImageEmbedder>();
        services.TryAddSingleton<IVectorIndexStore, AnsweringIndexStore>();
        services.TryAddSingleton<IVectorIndex, AnsweringVectorIndex>();
        services.TryAddSingleton<ISearchService, AnsweringSearchService>();
        return services;
    }
}
