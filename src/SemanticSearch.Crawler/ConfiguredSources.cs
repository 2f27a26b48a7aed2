using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Crawler;

/// <summary>The sources listed in configuration (section <c>SemanticSearch:Sources</c>, a JSON array).</summary>
public sealed class ConfiguredSources
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "SemanticSearch:Sources";

    /// <summary>The entries, in configuration order.</summary>
    public List<SourceOptions> Items { get; } = [];

    /// <summary>
    /// Turns an entry into a catalog source, its location normalised by <see cref="SourceLocation.Normalise"/>
    /// (relative folders resolved with <see cref="AppPaths.Resolve"/>).
    /// </summary>
    public static CatalogSource ToCatalogSource(SourceOptions options) => new()
    {
        Kind = options.Kind,
        Location = SourceLocation.Normalise(options.Kind, options.Location),
        Include = options.Include,
        Exclude = options.Exclude,
        Watch = options.Watch,
        MaxDepth = options.MaxDepth,
    };
}
