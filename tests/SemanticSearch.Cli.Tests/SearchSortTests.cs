using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch search --sort date</c> over a catalog indexed by <c>semsearch index</c> with the demo model.</summary>
public sealed class SearchSortTests : IDisposable
{
    private readonly TempDirectory _work = new("semsearch-cli-sort");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Sort_date_orders_the_relevant_matches_newest_first()
    {
        // Red circles are the best matches but the oldest files; the blue squares are newer.
        var photos = _work.Combine("photos");
        Directory.CreateDirectory(photos);
        var day = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (prefix, first) in new[] { ("red-circle", 0), ("blue-square", 10) })
        {
            var files = Directory.EnumerateFiles(RepoPaths.DemoGallery, prefix + "-*.jpg").Order(StringComparer.Ordinal).Take(2).ToList();
            for (var i = 0; i < files.Count; i++)
            {
                var target = Path.Combine(photos, Path.GetFileName(files[i]));
                File.Copy(files[i], target);
                File.SetLastWriteTimeUtc(target, day.AddDays(first + i));
            }
        }
        var data = _work.Combine("data");
        var (indexExit, _, indexErr) = await SemsearchProcess.RunAsync(_work.Path, "index", "--source", photos, "--data-dir", data);
        Assert.True(indexExit == 0, indexErr);

        var relevance = await SearchAsync(data);
        var byDate = await SearchAsync(data, "--sort", "date");

        Assert.StartsWith("red-circle", Path.GetFileName(relevance[0].Path));
        Assert.Equal(relevance.Select(r => r.Path).Order(), byDate.Select(r => r.Path).Order());
        Assert.Equal(byDate.OrderByDescending(r => r.Modified).Select(r => r.Path), byDate.Select(r => r.Path));
        Assert.StartsWith("blue-square", Path.GetFileName(byDate[0].Path));
    }

    [Fact]
    public async Task An_unknown_sort_is_refused_with_the_choices()
    {
        var (exit, _, err) = await SemsearchProcess.RunAsync(_work.Path, "search", "cat", "--sort", "size", "--data-dir", _work.Combine("data"));
        Assert.NotEqual(0, exit);
        Assert.Contains("'size'", err);
        Assert.Contains("Date", err);
        Assert.Contains("Relevance", err);
    }

    private async Task<List<(string Path, DateTimeOffset Modified)>> SearchAsync(string data, params string[] extra)
    {
        var (exit, stdout, stderr) = await SemsearchProcess.RunAsync(_work.Path,
            ["search", "a red circle", "-k", "10", "--no-dedup", "--json", "--data-dir", data, .. extra]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.EnumerateArray().Select(r => (r.GetProperty("path").GetString()!, r.GetProperty("modified").GetDateTimeOffset()))];
    }
}
