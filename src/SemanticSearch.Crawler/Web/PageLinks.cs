namespace SemanticSearch.Crawler.Web;

/// <summary>What an HTML page points to: images to index and pages that may be crawled next.</summary>
internal sealed record PageLinks(IReadOnlyList<Uri> Images, IReadOnlyList<Uri> Pages);
