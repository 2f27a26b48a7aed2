namespace SemanticSearch.Core.Configuration;

/// <summary>
/// The runtime data folder (setting <c>SemanticSearch:DataDirectory</c>, CLI/web <c>--data-dir</c>, default
/// <c>index-data</c>) and the fixed names of what lives in it.
/// </summary>
public sealed class DataFolder
{
    public const string DefaultPath = "index-data";

    public DataFolder(string? path = null)
    {
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultPath : path);
    }

    public string Root { get; }

    public string CatalogPath => Path.Combine(Root, "catalog.db");

    public string VectorIndexPath => Path.Combine(Root, "vectors.usearch");

    public string ThumbnailsDirectory => Path.Combine(Root, "thumbnails");

    public string ModelsDirectory => Path.Combine(Root, "models");

    /// <summary>Creates the folder tree if needed and returns this.</summary>
    public DataFolder EnsureExists()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(ThumbnailsDirectory);
        return this;
    }
}
