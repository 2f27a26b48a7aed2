using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Core.Models;

/// <summary>
/// The catalog's vectors per model (image, model id, vector) beside the answering model's, the switch under way and
/// the chosen model. A flip swaps which model's vectors answer in one transaction, so a crash leaves one or the other.
/// </summary>
public interface IModelVectorStore
{
    /// <summary>Indexed images (whatever model) in the catalog.</summary>
    long CountIndexed();

    /// <summary>Indexed images that have a stored vector of <paramref name="modelId"/>.</summary>
    long CountVectors(string modelId);

    /// <summary>Stored vectors per model id, the answering model's included.</summary>
    IReadOnlyDictionary<string, long> CountAll();

    /// <summary>Indexed images without a vector of <paramref name="modelId"/>, id above <paramref name="afterId"/>, in id order.</summary>
    IReadOnlyList<CatalogImage> IndexedWithoutVector(string modelId, long afterId, int max);

    /// <summary>Stores vectors of <paramref name="modelId"/> (replacing any for the same image).</summary>
    void StoreVectors(string modelId, IReadOnlyList<KeyValuePair<long, float[]>> vectors);

    /// <summary>Deletes every stored vector of <paramref name="modelId"/>; returns how many.</summary>
    long DeleteVectors(string modelId);

    /// <summary>The switch under way (survives a crash), or null.</summary>
    PendingModelSwitch? GetPendingSwitch();

    /// <summary>Records (or with null clears) the switch under way.</summary>
    void SetPendingSwitch(PendingModelSwitch? pending);

    /// <summary>The model an admin chose (it overrides the settings), or null.</summary>
    ModelChoice? GetChosenModel();

    /// <summary>
    /// In one transaction: keeps the answering vectors under their model id, makes <paramref name="modelId"/>'s the
    /// answering ones (images without one become Pending), records <paramref name="choice"/>, clears the switch and the
    /// index checkpoint. Returns how many indexed images had no vector and became Pending.
    /// </summary>
    long Flip(string modelId, int dimension, ModelChoice choice, DateTimeOffset now);

    /// <summary>Models whose vectors are kept without answering, with when they stopped answering.</summary>
    IReadOnlyDictionary<string, DateTimeOffset> KeptSince();
}
