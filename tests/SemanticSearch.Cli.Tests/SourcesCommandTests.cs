using SemanticSearch.Core.Configuration;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>
/// <c>semsearch sources</c> run as a process in a folder with its own appsettings.json (one configured source) and
/// data folder, the way a person runs it.
/// </summary>
public sealed class SourcesCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("semsearch-cli-sources");
    private readonly string _configured;
    private readonly string _photos;

    public SourcesCommandTests()
    {
        _configured = Directory.CreateDirectory(_work.Combine("configured")).FullName;
        _photos = Directory.CreateDirectory(_work.Combine("photos")).FullName;
        File.WriteAllText(_work.Combine("appsettings.json"), """
            { "SemanticSearch": { "DataDirectory": "data", "Sources": [ { "Kind": "Folder", "Location": "configured/" } ] } }
            """);
    }

    public void Dispose() => _work.Dispose();

    private Task<(int Exit, string Out, string Err)> Semsearch(params string[] arguments) => SemsearchProcess.RunAsync(_work.Path, arguments);

    /// <summary>The source locations in a data folder's catalog file, read after the CLI exited.</summary>
    private string[] StoredLocations(string dataFolder = "data")
    {
        using var catalog = new CatalogStore(new DataFolder(_work.Combine(dataFolder)).CatalogPath);
        return [.. catalog.GetSources().Select(s => s.Location)];
    }

    [Fact]
    public async Task A_folder_added_again_through_a_link_with_a_trailing_slash_updates_the_same_source()
    {
        Directory.CreateSymbolicLink(_work.Combine("link"), _photos);

        var added = await Semsearch("sources", "add", _photos);
        var again = await Semsearch("sources", "add", _work.Combine("link") + "/", "--include", "**/*.jpg");

        Assert.Equal((0, 0), (added.Exit, again.Exit));
        Assert.StartsWith("Added source", added.Out);
        Assert.StartsWith("Updated source", again.Out);
        Assert.Contains($"Folder {_photos}", again.Out);
        Assert.Equal([_photos], StoredLocations());
    }

    [Fact]
    public async Task Adding_a_file_says_it_is_a_file_not_a_folder()
    {
        var file = _work.Combine("photos", "one.jpg");
        File.WriteAllBytes(file, [0xFF, 0xD8, 0xFF]);

        var (exit, output, error) = await Semsearch("sources", "add", file);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"{file} is a file, not a folder", error);
    }

    [Fact]
    public async Task A_configured_source_removed_with_the_cli_stays_removed_for_that_data_folder()
    {
        var before = await Semsearch("sources", "list");
        Assert.Equal(0, before.Exit);
        Assert.Equal([_configured], StoredLocations());

        var removed = await Semsearch("sources", "remove", _configured + "/");
        var after = await Semsearch("sources", "list");

        Assert.Equal((0, 0), (removed.Exit, after.Exit));
        Assert.Contains("stays removed", removed.Out);
        Assert.Empty(StoredLocations());

        // Another data folder still gets the configured source.
        Assert.Equal(0, (await Semsearch("sources", "list", "--data-dir", _work.Combine("other-data"))).Exit);
        Assert.Equal([_configured], StoredLocations("other-data"));
    }

    [Fact]
    public async Task Sources_list_into_a_pipe_shows_each_long_location_whole_on_one_line()
    {
        var deep = Directory.CreateDirectory(_work.Combine("holidays-2024-summer-in-the-mountains", "camera-roll-exported-at-full-resolution")).FullName;
        Assert.Equal(0, (await Semsearch("sources", "add", deep)).Exit);

        var (exit, output, error) = await Semsearch("sources", "list");

        Assert.True(exit == 0, error);
        Assert.True(deep.Length > 80, "the location must be longer than a default terminal is wide");
        Assert.Single(output.Split('\n'), line => line.Contains(deep) && line.Contains("Folder"));
    }
}
