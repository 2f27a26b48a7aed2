using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Imaging;
using SemanticSearch.Storage;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// The product's storage and search service over the benchmark's data folder, registered by AddStorage as the web host
/// and the CLI register them; only the model is the precomputed one.
/// </summary>
internal static class ScaleHost
{
    public static ServiceProvider Build(string dataDir, ScaleSettings settings, PrecomputedModel model)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = dataDir,
            ["SemanticSearch:Index:Scalar"] = settings.Scalar.ToString(),
            ["SemanticSearch:Index:Connectivity"] = settings.Connectivity.ToString(CultureInfo.InvariantCulture),
            ["SemanticSearch:Index:ExpansionAdd"] = settings.ExpansionAdd.ToString(CultureInfo.InvariantCulture),
            ["SemanticSearch:Index:ExpansionSearch"] = settings.ExpansionSearch.ToString(CultureInfo.InvariantCulture),
            ["SemanticSearch:Index:ConcurrentSearches"] = Math.Max(16, settings.Concurrency).ToString(CultureInfo.InvariantCulture),
            // The HNSW index at every size: below the product's threshold an exact tier would answer instead.
            ["SemanticSearch:Index:ExactBelow"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(new DataFolder(dataDir).EnsureExists());
        services.AddSingleton<IEmbeddingModel>(model);
        services.AddSingleton<IImageEmbedder>(_ => CliModelSettings.ImageEmbedder(model.Images, new SkiaImageDecoder(), null));
        services.AddStorage(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }
}
