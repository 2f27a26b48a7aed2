using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Models;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Crawler.Models;

/// <summary>
/// Owns the answering model (<see cref="ModelGeneration"/>): loads it off the request path, retries while it is
/// missing or broken, and switches to another model in the background (<see cref="ModelSwitchRun"/>). The crawler,
/// search and the image embedder reach the model only through <see cref="Current"/>.
/// </summary>
public sealed class ModelService(
    IModelFolders folders,
    IModelVectorStore vectors,
    ICatalogStore catalog,
    IVectorIndexStoreOpener indexes,
    IImageDecoder decoder,
    IImagePreprocessor preprocessor,
    IOptions<CrawlerOptions> crawler,
    IOptions<SearchOptions> search,
    IOptions<ModelSwitchOptions> options,
    CrawlerRunGate runGate,
    SearchFlipGate flipGate,
    TimeProvider time,
    ILogger<ModelService> logger) : IModelService, IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ModelGeneration? _current;
    private volatile ModelSwitchProgress? _pending;
    private ModelSwitchRun? _switch;
    private Task? _loading;
    private int _disposed;

    /// <inheritdoc />
    public ModelReadiness Readiness { get; private set; } = ModelReadiness.Loading;

    /// <inheritdoc />
    public string? AnsweringModel => _current?.Model.ModelId;

    /// <inheritdoc />
    public string? Problem { get; private set; }

    /// <inheritdoc />
    public ModelSwitchProgress? Pending => _pending;

    /// <summary>The answering model and what is bound to it; null while none answers.</summary>
    public ModelGeneration? Current => _current;

    /// <summary>True when an admin chose the answering model (it then overrides <c>SemanticSearch:Model:Path</c>).</summary>
    public bool ChosenByAdmin { get; private set; }

    /// <inheritdoc />
    public event Action? Changed;

    /// <summary>Starts loading the model in the background (retried until it loads) and resumes a switch a crash interrupted.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
            _loading ??= Task.Run(() => LoadLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes once the first load attempt has ended (the readiness is no longer Loading).</summary>
    public Task WhenSettledAsync(CancellationToken cancellationToken = default)
    {
        StartAsync(cancellationToken);
        return _settled.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when the switch under way ends (flipped, failed or cancelled); at once when none runs.</summary>
    public Task WhenSwitchEndsAsync() => _switch?.Completion ?? Task.CompletedTask;

    /// <inheritdoc />
    public IReadOnlyList<ModelListing> List()
    {
        var counts = vectors.CountAll();
        var answering = AnsweringModel;
        var pending = _pending is { Phase: ModelSwitchPhase.Embedding or ModelSwitchPhase.Flipping } p ? p.Model : null;
        var rows = folders.List().Select(row => row with
        {
            Answering = row.ModelId is not null && row.ModelId == answering,
            Pending = row.ModelId is not null && row.ModelId == pending,
            StoredVectors = row.ModelId is not null && counts.TryGetValue(row.ModelId, out var n) ? n : 0,
        }).ToList();
        // Models whose vectors are kept but whose folder is not in the list (the configured folder, a removed one).
        foreach (var (modelId, count) in counts.Where(c => rows.All(r => r.ModelId != c.Key)))
            rows.Add(new ModelListing { Name = modelId, ModelId = modelId, Installed = modelId == answering, Answering = modelId == answering, StoredVectors = count });
        return rows;
    }

    /// <inheritdoc />
    public async Task<ModelSwitchProgress> SwitchAsync(ModelChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if ((choice.Name is { Length: > 0 }) == (choice.Path is { Length: > 0 }))
            throw new ModelChoiceException("Give either the name of a known model or a model folder.");
        if (choice.Name is { Length: > 256 } || choice.Path is { Length: > 4096 } || choice.Variant is { Length: > 32 })
            throw new ModelChoiceException("The model name, folder or variant is too long.");
        if (_switch is { IsRunning: true })
            throw Busy();
        var model = await Task.Run(() => LoadChoice(choice), cancellationToken).ConfigureAwait(false);
        return Begin(model, choice);
    }

    /// <inheritdoc />
    public bool CancelSwitch() => _switch?.Cancel() ?? false;

    /// <inheritdoc />
    public Task<long> DeleteVectorsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (modelId == AnsweringModel || (_switch is { IsRunning: true } && _pending?.Model == modelId))
            throw new ModelChoiceException($"Model {modelId} answers or is being switched to; its vectors are in use.") { Problem = ModelChoiceProblem.Conflict };
        return Task.Run(() => vectors.DeleteVectors(modelId), cancellationToken);
    }

    /// <summary>Stops loading and any switch (which resumes at the next start), and frees the answering model.</summary>
    public void Dispose()
    {
        // Registered as itself and as IModelService, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _stopping.Cancel();
        _switch?.Abandon();
        try { _loading?.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
        var current = _current;
        _current = null;
        (current?.Store as IDisposable)?.Dispose();
        current?.Model.Dispose();
        _stopping.Dispose();
    }

    internal ModelSwitchProgress Begin(IEmbeddingModel model, ModelChoice choice)
    {
        lock (_lock)
        {
            if (_switch is { IsRunning: true })
            {
                model.Dispose();
                throw Busy();
            }
            vectors.SetPendingSwitch(new PendingModelSwitch(model.ModelId, choice));
            _switch = new ModelSwitchRun(this, model, choice, NewEmbedder(model), _stopping.Token);
            _pending = new ModelSwitchProgress(model.ModelId, vectors.CountVectors(model.ModelId), vectors.CountIndexed(), ModelSwitchPhase.Embedding);
            _switch.Start();
        }
        Raise();
        return _pending!;
    }

    internal SwitchEmbedding NewSwitchEmbedding(IImageEmbedder embedder, string modelId) =>
        new(vectors, catalog, embedder, modelId, crawler.Value, options.Value.BatchSize, logger);

    internal void Report(ModelSwitchProgress? progress)
    {
        _pending = progress;
        Raise();
    }

    internal ModelSwitchProgress Measure(string modelId, ModelSwitchPhase phase, string? problem = null) =>
        new(modelId, vectors.CountVectors(modelId), vectors.CountIndexed(), phase, problem);

    internal void ClearPendingSwitch() => vectors.SetPendingSwitch(null);

    internal CrawlerRunGate RunGate => runGate;

    /// <summary>Swaps catalog, index and model at once, with no search in flight and no indexing run.</summary>
    internal Task FlipAsync(IEmbeddingModel model, IImageEmbedder embedder, ModelChoice choice) => flipGate.FlipAsync(() =>
    {
        var old = _current;
        // Saved first, so the old store has nothing left to save when it is disposed after the swap (and its file and
        // checkpoint are current, should the flip below fail).
        old?.Store.Checkpoint();
        var pending = vectors.Flip(model.ModelId, model.Dimension, choice, time.GetUtcNow());
        if (pending > 0)
            logger.LogWarning("{Count} images had no vector of {Model} and go back to the crawler", pending, model.ModelId);
        // Rebuilt from the catalog, which now holds the new model's vectors: never a mix of two models.
        _current = Bind(model, embedder, indexes.Open(), choice);
        (old?.Store as IDisposable)?.Dispose();
        ChosenByAdmin = true;
        Readiness = ModelReadiness.Ready;
        Problem = null;
        old?.Model.Dispose();
        logger.LogInformation("Model {Model} answers searches now", model.ModelId);
        DropExpiredVectors();
    });

    private async Task LoadLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var loaded = TryLoadAnswering();
            _settled.TrySetResult();
            if (loaded)
            {
                ResumeInterruptedSwitch();
                return;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.RetrySeconds), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private bool TryLoadAnswering()
    {
        var chosen = vectors.GetChosenModel();
        var choice = chosen ?? folders.Configured;
        try
        {
            var model = folders.Load(choice);
            var generation = Bind(model, NewEmbedder(model), indexes.Open(), choice);
            _current = generation;
            ChosenByAdmin = chosen is not null;
            Readiness = ModelReadiness.Ready;
            Problem = null;
            logger.LogInformation("Embedding model {ModelId} ({Dimension}-d) is loaded", model.ModelId, model.Dimension);
            DropExpiredVectors();
            Raise();
            return true;
        }
        catch (Exception e) when (e is ModelChoiceException or DirectoryNotFoundException or FileNotFoundException)
        {
            Readiness = e is ModelChoiceException ? ModelReadiness.Failed : ModelReadiness.Missing;
            Problem = e.Message;
            // Keep serving status and admin pages; searches answer 503 with this message until the model is there.
            logger.LogError("The embedding model cannot be loaded, so search is unavailable: {Problem}", e.Message);
            Raise();
            return false;
        }
    }

    private void ResumeInterruptedSwitch()
    {
        if (vectors.GetPendingSwitch() is not { } pending)
            return;
        try
        {
            var model = LoadChoice(pending.Choice);
            logger.LogInformation("Resuming the switch to {Model} that was interrupted", model.ModelId);
            Begin(model, pending.Choice);
        }
        catch (ModelChoiceException e) when (e.Problem == ModelChoiceProblem.Conflict)
        {
            // An admin started a switch meanwhile: it is recorded in place of this one and carries on.
            logger.LogInformation("The interrupted switch to {Model} gives way to the one started meanwhile: {Reason}", pending.ModelId, e.Message);
        }
        catch (ModelChoiceException e)
        {
            ClearPendingSwitch();
            Report(new ModelSwitchProgress(pending.ModelId, 0, vectors.CountIndexed(), ModelSwitchPhase.Failed, e.Message));
        }
    }

    private IEmbeddingModel LoadChoice(ModelChoice choice)
    {
        try
        {
            return folders.Load(choice);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            throw new ModelChoiceException(e.Message) { Problem = ModelChoiceProblem.NotFound };
        }
    }

    private ModelGeneration Bind(IEmbeddingModel model, IImageEmbedder embedder, Core.Index.IVectorIndexStore store, ModelChoice choice) =>
        new(model, embedder, store, new SearchService(model, embedder, catalog, store.Index, search.Value), choice, folders.VariantOf(model));

    private ImageEmbedder NewEmbedder(IEmbeddingModel model) =>
        new(model.Images, decoder, preprocessor, crawler.Value.ThumbnailMaxSide);

    private void DropExpiredVectors()
    {
        if (options.Value.KeepOldVectors is not { } keep)
            return;
        foreach (var (modelId, since) in vectors.KeptSince())
        {
            if (modelId != AnsweringModel && time.GetUtcNow() - since >= keep)
                logger.LogInformation("Deleted {Count} kept vectors of {Model}", vectors.DeleteVectors(modelId), modelId);
        }
    }

    private static ModelChoiceException Busy() =>
        new("A model switch is already under way: wait for it or cancel it first.") { Problem = ModelChoiceProblem.Conflict };

    private void Raise()
    {
        try { Changed?.Invoke(); }
        catch (Exception e) { logger.LogWarning(e, "A model change listener failed"); }
    }
}
