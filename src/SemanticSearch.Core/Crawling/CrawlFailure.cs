namespace SemanticSearch.Core.Crawling;

/// <summary>One image that could not be indexed and why.</summary>
public sealed record CrawlFailure(string Location, string Kind, string Reason, DateTimeOffset At);
