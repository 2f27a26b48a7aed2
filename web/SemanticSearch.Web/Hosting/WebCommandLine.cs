namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Maps the host's own switches onto configuration keys before the standard command-line provider sees them,
/// so <c>--data-dir DIR</c> and repeatable <c>--source DIR|URL</c> work like in the CLI, next to <c>--urls</c>.
/// </summary>
public static class WebCommandLine
{
    /// <summary>Configuration key of the data folder (shared with the CLI and the engine).</summary>
    public const string DataDirectoryKey = "SemanticSearch:DataDirectory";

    /// <summary>Configuration section whose array lists the crawled sources (objects with Kind and Location).</summary>
    public const string SourcesKey = "SemanticSearch:Sources";

    /// <summary>Host setting that makes the JSON settings files watch their folder for changes.</summary>
    public const string ReloadOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// Returns <paramref name="args"/> with the host switches rewritten as <c>--Key=value</c> pairs. Settings are read once,
    /// so unless asked for, settings files are not watched: the watcher would follow the whole content root (the
    /// repository when run with <c>dotnet run</c>), including the data folder the crawler keeps writing to.
    /// </summary>
    public static string[] Translate(IReadOnlyList<string> args)
    {
        var translated = new List<string>(args.Count + 1);
        if (!args.Any(a => a.Contains(ReloadOnChangeKey, StringComparison.OrdinalIgnoreCase)))
            translated.Add($"--{ReloadOnChangeKey}=false");
        var sourceIndex = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (TryTake(args, ref i, "--data-dir", out var dataDir))
                translated.Add($"--{DataDirectoryKey}={dataDir}");
            else if (TryTake(args, ref i, "--source", out var source))
            {
                var entry = $"{SourcesKey}:{sourceIndex++}";
                var kind = IsWebAddress(source) ? "Web" : "Folder";
                translated.Add($"--{entry}:Location={source}");
                translated.Add($"--{entry}:Kind={kind}");
            }
            else
                translated.Add(arg);
        }
        return [.. translated];
    }

    private static bool IsWebAddress(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads "--name value" or "--name=value" at <paramref name="i"/>, advancing past the value.</summary>
    private static bool TryTake(IReadOnlyList<string> args, ref int i, string name, out string value)
    {
        var arg = args[i];
        if (arg.StartsWith(name + "=", StringComparison.Ordinal))
        {
            value = arg[(name.Length + 1)..];
            return true;
        }
        if (arg == name)
        {
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{name} needs a value.");
            value = args[++i];
            return true;
        }
        value = "";
        return false;
    }
}
