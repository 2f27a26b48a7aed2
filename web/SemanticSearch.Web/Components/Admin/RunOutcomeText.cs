using System.Globalization;
using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Web.Components.Admin;

/// <summary>How the admin page tells the end of a run: "Cancelled after 645 of 2,000", never a full bar for it.</summary>
public static class RunOutcomeText
{
    /// <summary>"2,000" (thousands separated, whatever the server's culture).</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"645 of 2,000", or "645" when the amount of work was never known.</summary>
    public static string DoneOf(CrawlRunReport run) =>
        run.ToProcess is { } total ? $"{Count(run.Done)} of {Count(total)}" : Count(run.Done);

    /// <summary>The sentence for the state line.</summary>
    public static string Describe(CrawlRunReport run) => run.Outcome switch
    {
        CrawlRunOutcomes.Cancelled => $"Cancelled after {DoneOf(run)}",
        CrawlRunOutcomes.Failed => $"Failed after {DoneOf(run)}" + (string.IsNullOrWhiteSpace(run.Reason) ? "" : $": {run.Reason}"),
        _ when run.Done == 0 => $"Nothing to do: {Count(run.Skipped)} {(run.Skipped == 1 ? "image" : "images")} unchanged",
        _ => $"Completed: {Count(run.Done)} {(run.Done == 1 ? "image" : "images")} indexed or failed",
    };

    /// <summary>0..100: how far the run got. A completed run is full; a cancelled or failed one only as far as it got.</summary>
    public static int Percent(CrawlRunReport run) =>
        run.Outcome == CrawlRunOutcomes.Completed ? 100
        : run.ToProcess is > 0 and var total ? (int)Math.Floor(Math.Clamp((double)run.Done / total, 0, 1) * 100)
        : 0;

    /// <summary>The average rate of the run, or a dash when it worked on nothing (no "0 images/s" for a no-op scan).</summary>
    public static string Rate(CrawlRunReport run) => run.Done == 0 ? "—" : ProgressText.Rate(run.ImagesPerSecond);
}
