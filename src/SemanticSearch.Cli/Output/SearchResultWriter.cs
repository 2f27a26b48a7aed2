using System.Text.Json;
using SemanticSearch.Core.Search;
using Spectre.Console;

namespace SemanticSearch.Cli.Output;

/// <summary>
/// Writes what <c>semsearch search</c> found: JSON with <c>--json</c>; in a terminal a table; into a pipe or file one
/// <c>score&lt;TAB&gt;location</c> line per result (rclip's convention), so <c>cut -f2</c>, <c>xargs</c> and
/// <c>sort -rn</c> work on it directly.
/// </summary>
internal static class SearchResultWriter
{
    public static void Write(SearchResponse response, SearchQuery query, bool json)
    {
        if (json)
            WriteJson(response);
        else if (TerminalOutput.IsTerminal)
            WriteTable(response, query);
        else
            WriteLines(response);
    }

    /// <summary>One line per result; nothing at all when there is none, so an empty pipe means no results.</summary>
    public static void WriteLines(SearchResponse response)
    {
        var output = Console.Out;
        foreach (var hit in response.Results)
            output.Write($"{NumberText.Score(hit.Score)}\t{OneLine(hit.Image.Location)}\n");
        output.Flush();
    }

    public static void WriteJson(SearchResponse response)
    {
        var rows = response.Results.Select(hit => new
        {
            id = hit.Image.Id,
            path = hit.Image.Location,
            score = Math.Round(hit.Score, 6),
            width = hit.Image.Width,
            height = hit.Image.Height,
            format = hit.Image.Format,
            size = hit.Image.Size,
            dateTaken = hit.Image.DateTaken,
            modified = hit.Image.Modified,
            thumbnail = hit.Image.ThumbnailPath,
            sourceId = hit.Image.SourceId,
        });
        Console.Out.WriteLine(JsonSerializer.Serialize(rows));
    }

    public static void WriteTable(SearchResponse response, SearchQuery query)
    {
        if (response.Results.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]No results.[/] (Is anything indexed? Try [bold]semsearch stats[/].)");
            return;
        }
        var table = new Table().RoundedBorder()
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn(new TableColumn("score").RightAligned())
            .AddColumn(new TableColumn("id").RightAligned())
            .AddColumn("path")
            .AddColumn(new TableColumn("dimensions").RightAligned());
        var rank = (long)query.Offset;
        foreach (var hit in response.Results)
        {
            table.AddRow(
                NumberText.Id(++rank),
                NumberText.Score(hit.Score),
                NumberText.Id(hit.Image.Id),
                Markup.Escape(hit.Image.Location),
                NumberText.Dimensions(hit.Image.Width, hit.Image.Height));
        }
        TerminalOutput.WriteUnwrapped(table);
        var more = response.HasMore ? $"; more with --offset {query.Offset + query.Limit}" : "";
        AnsiConsole.MarkupLine($"[grey]{NumberText.Count(response.Results.Count)} results in {NumberText.OneDecimal(response.Took.TotalMilliseconds)} ms{more}[/]");
        if (response.HiddenDuplicates > 0)
            AnsiConsole.MarkupLine($"[grey]{NumberText.Count(response.HiddenDuplicates)} near-duplicates hidden (--no-dedup shows them)[/]");
    }

    /// <summary>A tab or line break inside a name would split its line; they are written as \t, \n and \r.</summary>
    private static string OneLine(string location) =>
        location.IndexOfAny(['\t', '\n', '\r']) < 0 ? location : location.Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
}
