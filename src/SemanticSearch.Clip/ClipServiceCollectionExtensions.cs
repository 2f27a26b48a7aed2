using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Models;

namespace SemanticSearch.Clip;

/// <summary>Registers the CLIP model and the model store.</summary>
public static class ClipServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ClipModelOptions"/> (<c>SemanticSearch:Model</c>, validated on start) and
    /// <see cref="ModelStoreOptions"/> (<c>SemanticSearch:Models</c>), and registers <see cref="IEmbeddingModel"/> /
    /// <see cref="ClipEmbeddingModel"/> as a singleton loaded on first use, plus a <see cref="ModelStore"/> over the data
    /// folder's <c>models/</c> (the <see cref="DataFolder"/> service when registered, else <c>SemanticSearch:DataDirectory</c>).
    /// </summary>
    public static IServiceCollection AddClip(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ClipModelOptions>()
            .Bind(configuration.GetSection(ClipModelOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClipModelOptions>, ClipModelOptionsValidator>();
        services.AddOptions<ModelStoreOptions>()
            .Bind(configuration.GetSection(ModelStoreOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelStoreOptions>, ModelStoreOptionsValidator>();

        // The factory runs on first resolve, so programs that never embed never pay for loading the sessions.
        services.AddSingleton(sp => ClipEmbeddingModel.Load(sp.GetRequiredService<IOptions<ClipModelOptions>>().Value));
        // Try: a host with a model service registers the answering model first.
        services.TryAddSingleton<IEmbeddingModel>(sp => sp.GetRequiredService<ClipEmbeddingModel>());

        // The pull follows redirects itself: Hugging Face announces each file's digest on the redirect.
        services.AddHttpClient(nameof(ModelStore), http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton(sp =>
        {
            var data = sp.GetService<DataFolder>() ?? new DataFolder(configuration["SemanticSearch:DataDirectory"]);
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ModelStore));
            return new ModelStore(sp.GetRequiredService<IOptions<ModelStoreOptions>>().Value, data.ModelsDirectory, http);
        });
        services.TryAddSingleton<IModelFolders>(sp => new ClipModelFolders(
            sp.GetRequiredService<IOptions<ClipModelOptions>>().Value, sp.GetRequiredService<ModelStore>()));
        return services;
    }
}
