namespace SemanticSearch.Storage.Index;

/// <summary>How a folder's images meet a filter's location conditions.</summary>
internal enum FolderMatch : byte
{
    /// <summary>None of them.</summary>
    None,

    /// <summary>Every one (the folder itself starts with the prefix).</summary>
    All,

    /// <summary>Those whose file name continues the prefix; decided per image from the catalog.</summary>
    Some,
}
