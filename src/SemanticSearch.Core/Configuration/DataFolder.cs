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

    /// <summary>What <see cref="EnsureExists"/> had to repair (hosts log each as a warning).</summary>
    public IReadOnlyList<string> Repairs => _repairs;

    private readonly List<string> _repairs = [];

    /// <summary>
    /// Creates the folder tree if needed and returns this. Derived entries of the wrong kind (a file where the
    /// thumbnails folder belongs, a folder where the vector index file belongs) are moved aside, never deleted:
    /// both are rebuilt, and whatever was there stays for a person to look at.
    /// </summary>
    /// <exception cref="DataFolderException">The folder cannot be created or written.</exception>
    public DataFolder EnsureExists()
    {
        try
        {
            Directory.CreateDirectory(Root);
            if (File.Exists(ThumbnailsDirectory))
                MoveAside(ThumbnailsDirectory, "a file where the thumbnails folder belongs; thumbnails are regenerated");
            Directory.CreateDirectory(ThumbnailsDirectory);
            if (Directory.Exists(VectorIndexPath))
                MoveAside(VectorIndexPath, "a folder where the vector index file belongs; the index is rebuilt from the catalog");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFolderException(
                $"The data folder {Root} cannot be prepared ({e.Message}). Give this user write access to it, "
                + "or choose another folder with --data-dir.", e);
        }
        return this;
    }

    private void MoveAside(string path, string what)
    {
        var aside = $"{path}.moved-aside-{DateTime.UtcNow:yyyyMMddHHmmss}";
        if (File.Exists(path))
            File.Move(path, aside);
        else
            Directory.Move(path, aside);
        _repairs.Add($"{path} was {what}. It was moved to {aside}.");
    }
}
