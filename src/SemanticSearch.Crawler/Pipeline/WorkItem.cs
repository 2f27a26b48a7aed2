using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler.Sources;

namespace SemanticSearch.Crawler.Pipeline;

/// <summary>A discovered image that needs work, with what the catalog knew about its location.</summary>
internal sealed record WorkItem(DiscoveredItem Item, KnownImage? Known);
