using SemanticSearch.Cli.Commands;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Crawler;
using SemanticSearch.Crawler.Pipeline;
using Spectre.Console;

namespace SemanticSearch.Cli.Tests;

/// <summary>The summary <c>semsearch index</c> prints, written by the real table code to a plain-text console.</summary>
public sealed class IndexSummaryTests
{
    [Fact]
    public void Counts_are_written_the_way_stats_writes_them_with_thousands_separators()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var summary = new CrawlRunSummary
        {
            Mode = ReindexMode.Full,
            Outcome = RunOutcome.Completed,
            Discovered = 1_234_567,
            Indexed = 12_345,
            Elapsed = TimeSpan.FromSeconds(10),
            Timings = new StageTimings(),
        };

        IndexCommand.WriteSummary(console, summary);

        Assert.Matches(@"discovered +│ +1,234,567 │", text.ToString());
        Assert.Matches(@"indexed +│ +12,345 │", text.ToString());
        Assert.Matches(@"images/s +│ +1,234\.5 │", text.ToString());
    }
}
