namespace SemanticSearch.Storage.Index;

/// <summary>How the HNSW index stores vector components.</summary>
public enum VectorScalar
{
    /// <summary>32-bit floats: exact copies of the embeddings.</summary>
    F32,

    /// <summary>16-bit floats: half the memory, a negligible recall cost for normalised CLIP vectors.</summary>
    F16,

    /// <summary>
    /// 8-bit integers (each component × 127, rounded): a quarter of f32's vector memory, with a recall cost that
    /// <c>semsearch bench ann</c> measures; compared by cosine, so the rounding of short vectors does not skew scores.
    /// </summary>
    I8,
}
