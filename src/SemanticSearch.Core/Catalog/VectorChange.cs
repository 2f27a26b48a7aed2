namespace SemanticSearch.Core.Catalog;

/// <summary>What the vector index must do for one image: add or replace <see cref="Vector"/>, or remove the key when it is null.</summary>
public sealed record VectorChange(long Key, float[]? Vector)
{
    /// <summary>True when the key must leave the index.</summary>
    public bool IsRemoval => Vector is null;
}
