namespace SemanticSearch.Storage.Index;

/// <summary>What opening the vector index had to do.</summary>
public enum IndexRecoveryKind
{
    /// <summary>No model yet: an empty index without a dimension.</summary>
    Empty,

    /// <summary>The saved file was current and loaded (or memory-mapped) as it was.</summary>
    Loaded,

    /// <summary>The saved file was behind the catalog; the missing changes were replayed from SQLite.</summary>
    CaughtUp,

    /// <summary>The file was missing, damaged, of another model or inconsistent: rebuilt from the stored embeddings.</summary>
    Rebuilt,
}
