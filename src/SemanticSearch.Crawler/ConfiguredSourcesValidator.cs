using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Crawler;

/// <summary>Checks each configured source: a location, an absolute http(s) URL for web sources, a folder (not a file), a sane depth.</summary>
internal sealed class ConfiguredSourcesValidator : IValidateOptions<ConfiguredSources>
{
    public ValidateOptionsResult Validate(string? name, ConfiguredSources options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Items.Count; i++)
        {
            var s = options.Items[i];
            var at = $"SemanticSearch:Sources:{i}";
            if (string.IsNullOrWhiteSpace(s.Location))
            {
                errors.Add($"{at}:Location is required.");
                continue;
            }
            if (s.Kind == SourceKind.Web && !WebLocations.IsHttpUrl(s.Location))
                errors.Add($"{at}:Location must be an absolute http or https URL for a Web source (got '{s.Location}').");
            if (s.Kind == SourceKind.Folder && WebLocations.IsHttpUrl(s.Location))
                errors.Add($"{at}: '{s.Location}' is a URL; set Kind to Web.");
            else if (s.Kind == SourceKind.Folder && File.Exists(AppPaths.Resolve(s.Location)))
                errors.Add($"{at}:Location: {SourceLocation.NotAFolder(AppPaths.Resolve(s.Location))}");
            if (s.MaxDepth is < 0 or > 10)
                errors.Add($"{at}:MaxDepth must be between 0 and 10.");
            if (s.Kind == SourceKind.Web && s.Watch)
                errors.Add($"{at}:Watch applies to folders only.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
