using System.ComponentModel.DataAnnotations;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler;

/// <summary>
/// Which sources the catalog gets at start (section <c>SemanticSearch:StartupSources</c>); the web host's
/// <c>--source</c> and <c>--no-configured-sources</c> switches write these settings.
/// </summary>
public sealed class StartupSourcesOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "SemanticSearch:StartupSources";

    /// <summary>
    /// Add the sources of <c>SemanticSearch:Sources</c> to the catalog (default). Those removed from this data folder
    /// stay removed either way. False starts with only the catalog's own sources and <see cref="Locations"/>.
    /// </summary>
    public bool UseConfigured { get; set; } = true;

    /// <summary>Folders or http(s) URLs added next to the configured sources, even when they were removed before.</summary>
    [MaxLength(100)]
    public List<string> Locations { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Locations.Count; i++)
        {
            if (!SourceLocation.TryParse(Locations[i], out _, out var error))
                yield return new ValidationResult($"{SectionName}:{nameof(Locations)}:{i} ('{Locations[i]}'): {error}", [nameof(Locations)]);
        }
    }
}
