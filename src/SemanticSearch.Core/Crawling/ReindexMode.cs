namespace SemanticSearch.Core.Crawling;

public enum ReindexMode
{
    /// <summary>Scan sources; embed only new or changed images; drop vanished ones.</summary>
    Incremental,
    /// <summary>Re-embed everything from the originals.</summary>
    Full,
}
