using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler;

/// <summary>
/// Brings the start-up sources into the catalog once per process: the sources of appsettings.json (unless
/// <see cref="StartupSourcesOptions.UseConfigured"/> is off) are added or get the configured settings, except those
/// removed from this catalog, which stay removed; the locations given at start (<c>--source</c>) are added on top.
/// Sources added from the CLI or the admin page are kept.
/// </summary>
public sealed class ConfiguredSourceSync(ICatalogStore catalog, IOptions<ConfiguredSources> sources, IOptions<StartupSourcesOptions> startup)
{
    private readonly Lock _gate = new();
    private bool _done;

    /// <summary>Adds or updates the start-up sources unless that already happened in this process.</summary>
    /// <exception cref="InvalidOperationException">A location given at start is no longer a folder or URL.</exception>
    public void EnsureSynced()
    {
        lock (_gate)
        {
            if (_done)
                return;
            if (startup.Value.UseConfigured)
            {
                foreach (var source in sources.Value.Items)
                    catalog.AddConfiguredSource(ConfiguredSources.ToCatalogSource(source));
            }
            foreach (var location in startup.Value.Locations)
            {
                if (!SourceLocation.TryParse(location, out var source, out var error))
                    throw new InvalidOperationException($"{StartupSourcesOptions.SectionName}: {error}");
                catalog.AddSource(source);
            }
            _done = true;
        }
    }
}
