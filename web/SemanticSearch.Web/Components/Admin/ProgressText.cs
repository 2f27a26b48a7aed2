using System.Globalization;
using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Web.Components.Admin;

/// <summary>How crawler progress is shown on the admin page.</summary>
public static class ProgressText
{
    /// <summary>
    /// 0..100 for the progress bar, or null while the amount of work is unknown (discovery). A finished run shows its
    /// final fraction (100 when it had nothing to do).
    /// </summary>
    public static int? Percent(CrawlProgress progress)
    {
        if (progress.Fraction is { } fraction)
            return (int)Math.Floor(fraction * 100);
        if (progress.State == CrawlState.Idle)
            return progress.FinishedAt is null ? 0 : 100;
        return null;
    }

    /// <summary>"Idle", "Running a full rebuild", "Cancelling".</summary>
    public static string State(CrawlProgress progress) => progress.State switch
    {
        CrawlState.Running => progress.Mode == ReindexMode.Full ? "Running a full rebuild" : "Running an incremental scan",
        CrawlState.Cancelling => "Cancelling",
        _ => progress.FinishedAt is null ? "Idle" : "Idle (last run finished " + Ago(progress.FinishedAt.Value) + ")",
    };

    /// <summary>"4 min 10 s", "12 s".</summary>
    public static string Eta(TimeSpan? eta) => eta switch
    {
        null => "unknown",
        { TotalSeconds: < 1 } => "under a second",
        { TotalMinutes: < 1 } e => $"{e.Seconds} s",
        { TotalHours: < 1 } e => $"{e.Minutes} min {e.Seconds} s",
        { } e => $"{(int)e.TotalHours} h {e.Minutes} min",
    };

    /// <summary>"12.5 images/s".</summary>
    public static string Rate(double imagesPerSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"{imagesPerSecond:0.#} images/s");

    /// <summary>" (finished just now)", or nothing when the time is unknown.</summary>
    public static string Finished(DateTimeOffset? at) => at is { } finished ? $" (finished {Ago(finished)})" : "";

    private static string Ago(DateTimeOffset at)
    {
        var elapsed = DateTimeOffset.UtcNow - at;
        return elapsed.TotalMinutes < 1 ? "just now" : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes} min ago" : at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
