using Microsoft.Extensions.DependencyInjection.Extensions;
using SemanticSearch.Clip;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Crawler;
using SemanticSearch.Crawler.Models;
using SemanticSearch.Imaging;
using SemanticSearch.Storage;

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
        // First: the crawler, search and pages get the model, its index and search through the model service.
        services.AddModelService(configuration);
        services.AddHostedService<ModelServiceStart>();
        services.AddClip(configuration);
        services.AddStorage(configuration);
        // Its hosted service waits for the server to listen and for a model to answer (it may be pulled meanwhile).
        services.AddCrawler(configuration);
        // A background service that stops with an error (the crawler) must not take search down with it; the crawler
        // reports it on /health.
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        return builder;
    }
}
