namespace SemanticSearch.Storage.Index;

/// <summary>How the HNSW index stores vector components.</summary>
public enum VectorScalar
{
    /// <summary>32-bit floats: exact copies of the embeddings.</summary>
    F32,

    /// <summary>16-bit floats: half the memory, a negligible recall cost for normalised CLIP vectors.</summary>
    F16,
}
