namespace SemanticSearch.Crawler;

/// <summary>How an indexing run ended.</summary>
public enum RunOutcome
{
    /// <summary>Every source was scanned and every image handled.</summary>
    Completed,
    /// <summary>Stopped on request; finished work was kept.</summary>
    Cancelled,
    /// <summary>Stopped by an error that is not about one image (e.g. the catalog could not be written).</summary>
    Failed,
}
