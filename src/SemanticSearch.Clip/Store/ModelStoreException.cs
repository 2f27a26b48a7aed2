namespace SemanticSearch.Clip.Store;

/// <summary>A pull that cannot succeed (unknown model, missing file, digest mismatch...), with a message that says why.</summary>
public sealed class ModelStoreException(string message, Exception? inner = null) : Exception(message, inner);
