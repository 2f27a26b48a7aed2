using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler;

/// <summary>
/// Merges the sources of appsettings.json into the catalog once per process: new ones are added, existing ones
/// (same kind and location) get the configured settings, and sources added from the CLI are kept.
/// </summary>
public sealed class ConfiguredSourceSync(ICatalogStore catalog, IOptions<ConfiguredSources> sources)
{
    private readonly Lock _gate = new();
    private bool _done;

    /// <summary>Adds or updates the configured sources unless that already happened in this process.</summary>
    public void EnsureSynced()
    {
        lock (_gate)
        {
            if (_done)
                return;
            foreach (var source in sources.Value.Items)
                catalog.AddSource(ConfiguredSources.ToCatalogSource(source));
            _done = true;
        }
    }
}
