using SemanticSearch.Core.Configuration;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>
/// The data folder's lock between real processes: this test process holds it the way the web host does, and
/// <c>semsearch</c> runs as a separate process beside it.
/// </summary>
[Collection(nameof(DataFolderLockTests))]
[CollectionDefinition(nameof(DataFolderLockTests), DisableParallelization = true)]
public sealed class DataFolderLockTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _temp = new("semsearch-cli-lock");

    private string Data => _temp.Combine("data");

    private string Photos
    {
        get
        {
            var photos = _temp.Combine("photos");
            Directory.CreateDirectory(photos);
            return photos;
        }
    }

    [Fact]
    public async Task A_writing_verb_beside_a_running_host_exits_at_once_naming_the_host_before_touching_the_catalog()
    {
        using var held = DataFolderLock.Acquire(new DataFolder(Data), "the web host", "http://127.0.0.1:5123");

        var (exit, output) = await SemsearchAsync("sources", "add", Photos, "--data-dir", Data);

        Assert.Equal(1, exit);
        var line = Assert.Single(ChildProcess.Lines(output));
        Assert.Contains(Path.GetFullPath(Data), line);
        Assert.Contains($"the web host (pid {Environment.ProcessId}, http://127.0.0.1:5123)", line);
        Assert.Contains("--data-dir", line);
        Assert.False(File.Exists(Path.Combine(Data, "catalog.db")), "the second writer opened the catalog");
    }

    [Fact]
    public async Task Index_beside_a_running_host_is_refused_too()
    {
        using var held = DataFolderLock.Acquire(new DataFolder(Data), "the web host", "http://127.0.0.1:5123");

        var (exit, output) = await SemsearchAsync("index", "--source", Photos, "--data-dir", Data);

        Assert.Equal(1, exit);
        Assert.Contains($"pid {Environment.ProcessId}", Assert.Single(ChildProcess.Lines(output)));
    }

    [Fact]
    public async Task Read_only_verbs_keep_working_beside_a_running_host()
    {
        using (var catalog = new CatalogStore(Path.Combine(Data, "catalog.db")))
            catalog.AddSource(new() { Kind = Core.Catalog.SourceKind.Folder, Location = Photos });
        using var held = DataFolderLock.Acquire(new DataFolder(Data), "the web host", "http://127.0.0.1:5123");

        var (statsExit, stats) = await SemsearchAsync("stats", "--json", "--data-dir", Data);
        var (checkExit, check) = await SemsearchAsync("catalog", "check", "--data-dir", Data);

        Assert.True(statsExit == 0, stats);
        Assert.Contains("\"sources\":1", stats);
        Assert.True(checkExit == 0, check);
    }

    [Fact]
    public async Task The_lock_is_free_again_once_its_holder_is_gone()
    {
        DataFolderLock.Acquire(new DataFolder(Data), "the web host").Dispose();

        var (exit, output) = await SemsearchAsync("sources", "add", Photos, "--data-dir", Data);

        Assert.True(exit == 0, output);
        Assert.Contains("Added source", output);
    }

    [Fact]
    public async Task Catalog_check_exits_1_and_names_the_damaged_file()
    {
        Directory.CreateDirectory(Data);
        var catalog = Path.Combine(Data, "catalog.db");
        await File.WriteAllTextAsync(catalog, new string('x', 4096));

        var (exit, output) = await SemsearchAsync("catalog", "check", "--data-dir", Data);

        Assert.Equal(1, exit);
        Assert.Contains($"{catalog}: the file is not an SQLite database", output);
    }

    private Task<(int Exit, string Output)> SemsearchAsync(params string[] args) =>
        ChildProcess.RunAsync(Path.Combine(AppContext.BaseDirectory, "semsearch.dll"), _temp.Path, args, Timeout);

    public void Dispose() => _temp.Dispose();
}
