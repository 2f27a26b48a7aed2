namespace SemanticSearch.Core.Configuration;

/// <summary>
/// Resolves the relative paths found in settings. The repository layout (models/, index-data/) is relative to the
/// repository root, so a relative path is tried against the working directory first and then against the
/// application's own folder, where the build copies the bundled model and appsettings.json.
/// </summary>
public static class AppPaths
{
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = ExpandHome(path);
        if (Path.IsPathRooted(path))
            return Path.GetFullPath(path);
        var fromCwd = Path.GetFullPath(path);
        if (File.Exists(fromCwd) || Directory.Exists(fromCwd))
            return fromCwd;
        var fromApp = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));
        return File.Exists(fromApp) || Directory.Exists(fromApp) ? fromApp : fromCwd;
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
