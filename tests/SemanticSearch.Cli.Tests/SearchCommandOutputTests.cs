using System.Globalization;
using System.Text.Json;

namespace SemanticSearch.Cli.Tests;

/// <summary>
/// <c>semsearch search</c> over a real indexed data folder: into a pipe (redirected output, as in
/// <c>semsearch search cat | cut -f2</c>) and on a real pseudo-terminal.
/// </summary>
public sealed class SearchCommandOutputTests(IndexedGallery gallery) : IClassFixture<IndexedGallery>
{
    private Task<(int Exit, string Out, string Err)> Semsearch(params string[] arguments) =>
        SemsearchProcess.RunAsync(gallery.WorkingDirectory, arguments);

    [Fact]
    public async Task A_piped_search_prints_one_score_tab_location_line_per_result_best_first()
    {
        var (exit, output, error) = await Semsearch("search", "red circle", "-k", "5");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.EndsWith("\n", output);
        var scores = new List<double>();
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            Assert.Equal(2, fields.Length);
            Assert.Matches(@"^-?\d\.\d{3}$", fields[0]);
            scores.Add(double.Parse(fields[0], CultureInfo.InvariantCulture));
            Assert.StartsWith(gallery.Photos + Path.DirectorySeparatorChar, fields[1]);
            Assert.True(File.Exists(fields[1]), fields[1]);
        }
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Contains("red-circle", lines[0]);
    }

    [Fact]
    public async Task Json_is_printed_when_asked_for_even_into_a_pipe()
    {
        var (exit, output, error) = await Semsearch("search", "blue square", "-k", "3", "--json");

        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), row => Assert.True(File.Exists(row.GetProperty("path").GetString())));
    }

    [Fact]
    public async Task A_piped_search_without_results_prints_nothing_to_the_pipe()
    {
        var (exit, output, error) = await Semsearch("search", "red circle", "--min-score", "0.999");

        Assert.True(exit == 0, error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task In_a_narrow_terminal_search_keeps_its_table_with_whole_paths_and_a_dimensions_column()
    {
        var (exit, screen) = await SemsearchProcess.RunInTerminalAsync(gallery.WorkingDirectory, 60, "search", "red circle", "-k", "3");

        Assert.True(exit == 0, screen);
        var header = Assert.Single(screen.Split('\n'), line => line.Contains("score"));
        Assert.Contains("│ path", header);
        Assert.Contains("dimensions", header);
        Assert.DoesNotContain(" size ", header);
        var rows = screen.Split('\n').Where(line => line.Contains(gallery.Photos)).ToList();
        Assert.Equal(3, rows.Count);
        // Each path is whole on its row, not folded inside its cell.
        Assert.All(rows, row => Assert.Matches(@"/[a-z]+-[a-z]+-\d{3}\.(png|jpg) +│ +\d+×\d+ │", row));
    }

    [Fact]
    public async Task Search_on_a_data_folder_that_does_not_exist_says_so_and_creates_nothing()
    {
        var missing = Path.Combine(gallery.WorkingDirectory, "no-such-data");

        var (exit, output, error) = await Semsearch("search", "red circle", "--data-dir", missing);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains($"There is no data folder at {missing}", error);
        Assert.False(Directory.Exists(missing), "search created the data folder it was pointed at");
    }

    [Fact]
    public async Task A_query_over_the_length_limit_is_refused_with_the_limit_named()
    {
        var (exit, output, error) = await Semsearch("search", new string('a', 501));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("501 characters", error);
        Assert.Contains("500", error);
    }
}
