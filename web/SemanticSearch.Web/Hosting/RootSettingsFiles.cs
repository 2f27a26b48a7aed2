namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Finds the root <c>appsettings.json</c> files the host layers under its own configuration: the copy the build puts
/// next to the binaries, then the repository's file when the host runs from a source checkout
/// (<c>dotnet run --project web/SemanticSearch.Web</c> from any folder inside the repository).
/// </summary>
internal static class RootSettingsFiles
{
    private const string FileName = "appsettings.json";
    private const string RepositoryMarker = "SemanticSearch.sln";

    /// <summary>Existing files, lowest priority first, without duplicates.</summary>
    public static IReadOnlyList<string> Find(string contentRoot)
    {
        var found = new List<string>();
        AddIfExists(found, Path.Combine(AppContext.BaseDirectory, FileName));
        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
        {
            var repo = FindRepositoryRoot(start);
            if (repo is not null)
                AddIfExists(found, Path.Combine(repo, FileName));
        }
        return found;
    }

    private static void AddIfExists(List<string> found, string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && !found.Contains(full, StringComparer.Ordinal))
            found.Add(full);
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, RepositoryMarker)))
                return dir.FullName;
        }
        return null;
    }
}
