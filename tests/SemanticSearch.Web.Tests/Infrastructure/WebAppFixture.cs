using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>
/// One host for the API tests: a temp data folder, the bundled demo model, the fixture gallery as the only source,
/// an admin key, and the gallery fully indexed before the first test.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>The admin key the host is configured with.</summary>
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly TempDirectory _data = new("semsearch-web-data");
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private FixtureGallery? _gallery;
    private SemanticSearchFactory? _factory;

    internal FixtureGallery Gallery => _gallery!;

    internal SemanticSearchFactory Factory => _factory!;

    /// <summary>A client that does not follow redirects (tests look at them).</summary>
    public HttpClient Client { get; private set; } = default!;

    public IServiceProvider Services => Factory.Services;

    public WebAppFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A host with <paramref name="settings"/> layered over the usual test settings (for tests that need other limits).</summary>
    internal WebAppFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public async Task InitializeAsync()
    {
        _gallery = new FixtureGallery();
        var settings = new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = _data.Path,
            ["SemanticSearch:Sources:0:Kind"] = "Folder",
            ["SemanticSearch:Sources:0:Location"] = _gallery.Folder,
            ["SemanticSearch:Admin:ApiKey"] = AdminKey,
            ["SemanticSearch:RateLimiting:Enabled"] = "false",
        };
        foreach (var (key, value) in _settings)
            settings[key] = value;
        _factory = new SemanticSearchFactory(settings);
        Client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        await IndexGalleryAsync();
    }

    /// <summary>Waits until every gallery image was handled by the crawler (the start-up scan, or one started here).</summary>
    public async Task IndexGalleryAsync()
    {
        var reindex = Services.GetRequiredService<IReindexService>();
        var catalog = Services.GetRequiredService<ICatalogStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            reindex.Start(ReindexMode.Incremental);
            await reindex.WaitForIdleAsync(timeout.Token);
            var stats = catalog.GetStats();
            if (stats.Indexed + stats.Failed >= Gallery.Files.Count && stats.Pending == 0)
                return;
        }
        throw new InvalidOperationException($"The fixture gallery was not indexed: {catalog.GetStats()}");
    }

    /// <summary>The catalog id of a gallery file.</summary>
    public long IdOf(string fileName)
    {
        var catalog = Services.GetRequiredService<ICatalogStore>();
        var ids = catalog.FindIndexedIds(Core.Search.SearchFilter.None, 10_000);
        return catalog.GetImages(ids).Values.Single(i => Path.GetFileName(i.Location) == fileName).Id;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        _gallery?.Dispose();
        _data.Dispose();
    }
}
