using System.Diagnostics;
using System.Diagnostics.Metrics;
using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// The host's instruments (meter <see cref="MeterName"/>): queries by kind and outcome, search latency, and the
/// crawler's indexing rate and progress. Exported on <c>/metrics</c> through OpenTelemetry.
/// </summary>
public sealed class SearchMetrics
{
    /// <summary>Name of the meter, for exporters.</summary>
    public const string MeterName = "SemanticSearch";

    private readonly Counter<long> _queries;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments; the observable ones read <paramref name="reindex"/> when scraped.</summary>
    public SearchMetrics(IMeterFactory meterFactory, IReindexService reindex)
    {
        var meter = meterFactory.Create(MeterName);
        _queries = meter.CreateCounter<long>("semsearch.search.queries", "{query}", "Search queries answered, by kind and outcome.");
        _duration = meter.CreateHistogram(
            "semsearch.search.duration", "s", "Time the search service took per query.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        meter.CreateObservableGauge("semsearch.indexing.rate", () => reindex.Progress.ImagesPerSecond, "{image}/s",
            "Images indexed per second by the running crawl (0 when idle).");
        meter.CreateObservableGauge("semsearch.indexing.processed", () => reindex.Progress.Processed, "{image}",
            "Images handled by the current or latest crawl.");
        meter.CreateObservableGauge("semsearch.indexing.failed", () => reindex.Progress.Failed, "{image}",
            "Images that failed in the current or latest crawl.");
        meter.CreateObservableGauge("semsearch.indexing.running", () => reindex.Progress.State == CrawlState.Idle ? 0 : 1, "{run}",
            "1 while a crawl runs.");
    }

    /// <summary>Counts one query and, when it was answered, its latency.</summary>
    /// <param name="kind">text, image or similar.</param>
    /// <param name="outcome">ok, rejected (bad input) or error.</param>
    /// <param name="elapsed">Time the search took.</param>
    public void Record(string kind, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
        _queries.Add(1, tags);
        if (outcome == "ok")
            _duration.Record(elapsed.TotalSeconds, new TagList { { "kind", kind } });
    }
}
