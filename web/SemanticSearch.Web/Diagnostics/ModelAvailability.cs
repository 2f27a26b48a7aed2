using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// Loads the embedding model once and remembers why it failed, so a missing model is reported (logs, UI banner,
/// <c>/health</c>, <c>/api/status</c>, 503 on search) instead of breaking pages. A failed load is retried at most
/// every <see cref="RetryInterval"/>, so a model pulled while the host runs is picked up.
/// </summary>
public sealed class ModelAvailability(IServiceProvider services, ILogger<ModelAvailability> logger, TimeProvider time)
{
    /// <summary>Minimum time between two load attempts after a failure.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private ModelState? _state;
    private DateTimeOffset _checkedAt;

    /// <summary>The model's state, loading it on first use.</summary>
    public ModelState Current
    {
        get
        {
            lock (_gate)
            {
                if (_state is { Available: true } || (_state is not null && time.GetUtcNow() - _checkedAt < RetryInterval))
                    return _state;
                _checkedAt = time.GetUtcNow();
                _state = Load();
                return _state;
            }
        }
    }

    private ModelState Load()
    {
        try
        {
            var model = services.GetRequiredService<IEmbeddingModel>();
            logger.LogInformation("Embedding model {ModelId} ({Dimension}-d) is loaded", model.ModelId, model.Dimension);
            return new ModelState(true, model.ModelId, model.Dimension, null) { Variant = (model as ClipEmbeddingModel)?.Folder.Variant.ToString() };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Keep serving status and admin pages; searches answer 503 with this message until the model is there.
            logger.LogError("The embedding model cannot be loaded, so search is unavailable: {Problem}", e.Message);
            return new ModelState(false, null, 0, e.Message);
        }
    }
}
