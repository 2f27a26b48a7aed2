namespace SemanticSearch.Core.Crawling;

/// <summary>The outcome words of <see cref="CrawlRunReport.Outcome"/>, as the API and the runs log write them.</summary>
public static class CrawlRunOutcomes
{
    public const string Completed = "completed";

    public const string Cancelled = "cancelled";

    public const string Failed = "failed";
}
