namespace SemanticSearch.Tests.Shared;

/// <summary>Finds files of the repository (fixtures, the bundled model, tools) from a test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string DemoModel => Path.Combine(Root, "models", "clip-demo");

    public static string DemoGallery => Path.Combine(Root, "demo-gallery");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SemanticSearch.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Could not find SemanticSearch.sln above " + AppContext.BaseDirectory);
    }
}
