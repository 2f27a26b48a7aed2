using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// The first thing the built host does: prepares the data folder (repairing derived entries of the wrong kind, with
/// a warning) and opens the catalog, before the model loads or a page is mapped, so an unusable folder or a damaged
/// catalog stops the start with one message instead of failing later inside a request or the crawler.
/// </summary>
public static class DataFolderPreparation
{
    /// <summary>
    /// Checks the settings, then opens the data folder's catalog; throws <see cref="OptionsValidationException"/> for a
    /// bad or retired setting and <see cref="DataFolderException"/> when the folder cannot be used.
    /// </summary>
    public static WebApplication PrepareDataFolder(this WebApplication app)
    {
        // Settings first (what ValidateOnStart would check once the host starts): a bad one is reported alone, before
        // the folder is locked and the catalog, index and model are opened.
        app.Services.GetService<IStartupValidator>()?.Validate();
        // Resolved first, so the lock is taken before the catalog opens. Released as soon as the host has stopped, not
        // only when its container is disposed later: a host started next in the same process (tests) must get it.
        var held = app.Services.GetRequiredService<DataFolderLock>();
        app.Lifetime.ApplicationStopped.Register(held.Dispose);
        var folder = app.Services.GetRequiredService<DataFolder>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataFolderPreparation));
        foreach (var repair in folder.Repairs)
            logger.LogWarning("Repaired the data folder: {Repair}", repair);
        app.Services.GetRequiredService<ICatalogStore>();
        return app;
    }
}
