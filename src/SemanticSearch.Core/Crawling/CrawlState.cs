namespace SemanticSearch.Core.Crawling;

public enum CrawlState
{
    Idle,
    Running,
    Cancelling,
}
