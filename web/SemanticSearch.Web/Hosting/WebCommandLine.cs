namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Maps the host's own switches onto configuration keys before the standard command-line provider sees them,
/// so <c>--data-dir DIR</c> and repeatable <c>--source DIR|URL</c> work like in the CLI, next to <c>--urls</c>.
/// <c>--source</c> adds to the sources of the settings; <c>--no-configured-sources</c> leaves those out.
/// </summary>
public static class WebCommandLine
{
    /// <summary>Configuration key of the data folder (shared with the CLI and the engine).</summary>
    public const string DataDirectoryKey = "SemanticSearch:DataDirectory";

    /// <summary>Configuration array of the locations added at start, next to the configured sources.</summary>
    public const string SourcesKey = "SemanticSearch:StartupSources:Locations";

    /// <summary>Configuration key that, set to false, leaves out the sources of <c>SemanticSearch:Sources</c>.</summary>
    public const string UseConfiguredSourcesKey = "SemanticSearch:StartupSources:UseConfigured";

    /// <summary>The switch that starts without the configured sources (only the catalog's own and <c>--source</c>).</summary>
    public const string NoConfiguredSources = "--no-configured-sources";

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
                translated.Add($"--{SourcesKey}:{sourceIndex++}={source}");
            else if (arg == NoConfiguredSources)
                translated.Add($"--{UseConfiguredSourcesKey}=false");
            else if (arg.StartsWith(NoConfiguredSources + "=", StringComparison.Ordinal))
                translated.Add($"--{UseConfiguredSourcesKey}={(NoConfiguredValue(arg) ? "false" : "true")}");
            else
                translated.Add(arg);
        }
        return [.. translated];
    }

    /// <summary>The value of "--no-configured-sources=true|false" (how the test host passes switches).</summary>
    private static bool NoConfiguredValue(string arg) =>
        bool.TryParse(arg[(NoConfiguredSources.Length + 1)..], out var value)
            ? value
            : throw new ArgumentException($"{NoConfiguredSources} takes no value, or true or false (was '{arg}').");

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
