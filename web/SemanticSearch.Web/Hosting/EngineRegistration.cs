using Microsoft.Extensions.DependencyInjection.Extensions;
using SemanticSearch.Clip;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler;
using SemanticSearch.Imaging;
using SemanticSearch.Storage;
using SemanticSearch.Web.Diagnostics;

namespace SemanticSearch.Web.Hosting;

/// <summary>Registers the engine projects (imaging, CLIP, storage, crawler), each through its own extension method.</summary>
public static class EngineRegistration
{
    /// <summary>Adds the engine and the hosted crawler, which indexes the configured sources in the background.</summary>
    public static WebApplicationBuilder AddSemanticSearchEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // The lock comes before anything in the folder is used: the data folder is only handed out once it is held, and
        // PrepareDataFolder resolves both first. Made by the container, so disposing the host (tests start several in
        // one process) releases it; a process that dies has it released by the OS.
        var folder = new DataFolder(configuration[WebCommandLine.DataDirectoryKey]);
        services.AddSingleton(_ => DataFolderLock.Acquire(folder, "the web host", configuration["urls"]));
        services.TryAddSingleton(sp =>
        {
            sp.GetRequiredService<DataFolderLock>();
            return folder.EnsureExists();
        });
        services.AddImaging(configuration);
        services.AddClip(configuration);
        services.AddStorage(configuration);
        services.AddCrawler(configuration);
        GuardAgainstMissingModel(services);
        return builder;
    }

    /// <summary>
    /// The crawler needs the model to be constructed. Without it the host must still start and say what is wrong, so
    /// the crawler's registrations are wrapped: a stand-in <see cref="IReindexService"/> and a hosted service that
    /// only starts the crawler when the model loads.
    /// </summary>
    private static void GuardAgainstMissingModel(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IReindexService>(sp =>
        {
            var state = sp.GetRequiredService<ModelAvailability>().Current;
            return state.Available
                ? sp.GetRequiredService<ReindexService>()
                : new UnavailableReindexService(state.Problem ?? "the model is missing.");
        }));
        var crawlerHost = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CrawlerBackgroundService));
        if (crawlerHost is not null)
            services.Remove(crawlerHost);
        services.AddSingleton<GuardedCrawlerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<GuardedCrawlerHost>());
    }
}
