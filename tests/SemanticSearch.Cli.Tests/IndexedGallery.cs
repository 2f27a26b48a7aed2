using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>
/// A working folder with its own appsettings.json and a data folder indexed by the real <c>semsearch index</c> with the
/// demo model, from a copy of the demo gallery's red and blue images (enough for ranked results, quick to embed).
/// </summary>
public sealed class IndexedGallery : IAsyncLifetime
{
    private readonly TempDirectory _work = new("semsearch-cli-gallery");

    public string WorkingDirectory => _work.Path;

    public string Photos => _work.Combine("photos");

    public string DataFolder => _work.Combine("data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Photos);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("demo-gallery")))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("red-", StringComparison.Ordinal) || name.StartsWith("blue-", StringComparison.Ordinal))
                File.Copy(file, Path.Combine(Photos, name));
        }
        File.WriteAllText(_work.Combine("appsettings.json"), """
            { "SemanticSearch": { "DataDirectory": "data", "Sources": [] } }
            """);
        await Succeed("sources", "add", Photos);
        await Succeed("index");
    }

    private async Task Succeed(params string[] arguments)
    {
        var (exit, output, error) = await SemsearchProcess.RunAsync(_work.Path, arguments);
        if (exit != 0)
            throw new InvalidOperationException($"semsearch {string.Join(' ', arguments)} exited {exit}:\n{output}\n{error}");
    }

    public Task DisposeAsync()
    {
        _work.Dispose();
        return Task.CompletedTask;
    }
}
