using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Crawler;

/// <summary>One entry of the <c>SemanticSearch:Sources</c> array of appsettings.json.</summary>
public sealed class SourceOptions
{
    /// <summary>Folder or Web.</summary>
    public SourceKind Kind { get; set; } = SourceKind.Folder;

    /// <summary>A folder (relative paths go through AppPaths.Resolve) or an http(s) URL.</summary>
    public string Location { get; set; } = "";

    /// <summary>Glob patterns a file must match (folders); empty means every image.</summary>
    public string[] Include { get; set; } = [];

    /// <summary>Glob patterns that exclude files (folders).</summary>
    public string[] Exclude { get; set; } = [];

    /// <summary>Watch the folder for changes.</summary>
    public bool Watch { get; set; }

    /// <summary>Web: link depth followed from the start page (0 = that page only).</summary>
    public int MaxDepth { get; set; }
}
