using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Clip;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Crawler;
using SemanticSearch.Crawler.Models;
using SemanticSearch.Imaging;
using SemanticSearch.Storage;

namespace SemanticSearch.Cli;

/// <summary>
/// The plumbing the catalog verbs share: settings from the root appsettings.json with <c>--data-dir</c> and
/// <c>--model</c> on top, and a service provider with CLIP, imaging and storage registered the same way the web host
/// registers them. Dispose the provider when done: that saves the vector index (unless read-only) and closes the catalog.
/// </summary>
internal static class CliHost
{
    /// <summary>The <c>--data-dir</c> option every catalog verb takes.</summary>
    public static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = $"Data folder with the catalog, index and thumbnails (default: SemanticSearch:DataDirectory, {DataFolder.DefaultPath}/).",
    };

    /// <summary>The <c>--model</c> option of the verbs that embed.</summary>
    public static Option<string?> ModelOption() => new("--model")
    {
        Description = "Model folder in the Hugging Face ONNX layout or Immich's open_clip layout (default: SemanticSearch:Model:Path, the bundled models/clip-demo).",
    };

    /// <summary>appsettings.json (from the working directory or the program's folder) with the command-line overrides applied.</summary>
    public static IConfiguration Settings(string? dataDir, string? modelDir)
    {
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(dataDir))
            overrides["SemanticSearch:DataDirectory"] = dataDir;
        if (!string.IsNullOrWhiteSpace(modelDir))
            overrides["SemanticSearch:Model:Path"] = AppPaths.Resolve(modelDir);
        return new ConfigurationBuilder()
            .AddJsonFile(AppPaths.Resolve("appsettings.json"), optional: true)
            .AddInMemoryCollection(overrides)
            .Build();
    }

    /// <summary>
    /// <see cref="Build"/> read-only for the verbs that only read a catalog (search, stats): a data folder or catalog
    /// that does not exist is reported as such instead of being created empty, so a mistyped --data-dir leaves nothing behind.
    /// </summary>
    /// <exception cref="DataFolderException">There is no data folder or no catalog in it.</exception>
    public static ServiceProvider BuildForReading(string? dataDir, string? modelDir)
    {
        var folder = new DataFolder(Settings(dataDir, modelDir)["SemanticSearch:DataDirectory"]);
        if (!Directory.Exists(folder.Root))
            throw new DataFolderException($"There is no data folder at {folder.Root}. Pass the folder you indexed into with --data-dir, or index one first: `semsearch sources add PATH` and `semsearch index`.");
        if (!File.Exists(folder.CatalogPath))
            throw new DataFolderException($"The data folder {folder.Root} has no catalog: nothing has been indexed into it. Index first: `semsearch sources add PATH` and `semsearch index`.");
        return Build(dataDir, modelDir, readOnly: true);
    }

    /// <summary>
    /// A service provider with the model (loaded on first use), imaging, catalog, vector index and search service.
    /// <paramref name="readOnly"/> opens the index without ever saving it (search and stats beside a running indexer);
    /// otherwise the data folder's lock is taken first, so a second writer stops before it touches the catalog.
    /// </summary>
    /// <exception cref="DataFolderException">The folder is held by another process or cannot be used.</exception>
    /// <param name="modelService">Registers the model service (as the web host does) for the verbs that switch models.</param>
    public static ServiceProvider Build(string? dataDir, string? modelDir, bool readOnly = false, bool modelService = false)
    {
        var settings = Settings(dataDir, modelDir);
        var folder = new DataFolder(settings["SemanticSearch:DataDirectory"]);
        var held = readOnly ? null : DataFolderLock.Acquire(folder, "semsearch " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Take(2)));
        try
        {
            folder.EnsureExists();
            foreach (var repair in folder.Repairs)
                Console.Error.WriteLine($"warning: {repair}");
            var services = new ServiceCollection();
            services.AddSingleton(settings);
            services.AddSingleton(folder);
            if (held is not null)
                services.AddSingleton(_ => held);
            if (modelService)
            {
                services.AddLogging();
                services.AddModelService(settings);
            }
            services.AddClip(settings);
            if (modelDir is null && !modelService)
                ChosenModelSettings.Follow(services);
            services.AddImaging();
            services.AddStorage(settings, readOnly);
            services.AddCrawler(settings);
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
            // Resolved now so disposing the provider releases it.
            provider.GetService<DataFolderLock>();
            return provider;
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }
}
