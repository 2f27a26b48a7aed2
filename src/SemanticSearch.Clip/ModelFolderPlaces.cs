using SemanticSearch.Core.Models;

namespace SemanticSearch.Clip;

/// <summary>
/// The places a model folder given by path may come from: the configured model folder (<c>SemanticSearch:Model:Path</c>)
/// and the folders inside the data folder's <c>models/</c>. A path is a request from the network (the admin API), so
/// nothing else on the server is opened, not even to say whether it exists, and no link leads out of those places.
/// </summary>
public sealed class ModelFolderPlaces(string configuredFolder, string modelsDirectory)
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _configured = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configuredFolder));
    private readonly string _models = Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelsDirectory));

    /// <summary>The full path of <paramref name="folder"/> when it is in an allowed place.</summary>
    /// <exception cref="ModelChoiceException">The folder is elsewhere, or reached through a link.</exception>
    public string Check(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (string.Equals(full, _configured, PathComparison))
            return full;
        if (!full.StartsWith(_models + Path.DirectorySeparatorChar, PathComparison))
            throw Refused();
        // Every step below models/ must be a real folder: a link could point anywhere on the server.
        for (var step = full; step.Length > _models.Length; step = Path.GetDirectoryName(step)!)
        {
            if (new DirectoryInfo(step) is { Exists: true, LinkTarget: not null })
                throw Refused();
        }
        return full;
    }

    private ModelChoiceException Refused() => new(
        $"A model folder must be the configured one or a folder inside {_models}: copy or pull the model there.");
}
