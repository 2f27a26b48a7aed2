using SemanticSearch.Clip.Store;

namespace SemanticSearch.Web.ModelPulls;

/// <summary>
/// Pulls known models in the background for the admin page and API: one pull per model at a time and at most
/// <see cref="MaxConcurrentPulls"/> downloading at once (the rest wait, cancellable), each with live progress and cancel.
/// The store installs a model only once every file is verified, so a failed or cancelled pull never looks installed.
/// </summary>
public sealed class ModelPullQueue(ModelStore store, ILogger<ModelPullQueue> logger) : IDisposable
{
    /// <summary>Downloads running at once: models are hundreds of megabytes and share one link and one disk.</summary>
    public const int MaxConcurrentPulls = 1;

    private readonly SemaphoreSlim _slots = new(MaxConcurrentPulls, MaxConcurrentPulls);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ModelPullJob> _jobs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised (on the pulling thread) whenever a pull's status changed.</summary>
    public event Action<ModelPullStatus>? Changed;

    /// <summary>The known model called <paramref name="name"/>, or null.</summary>
    public KnownModel? Find(string name) => store.Find(name);

    /// <summary>The latest status of <paramref name="name"/>'s pull; null for an unknown name.</summary>
    public ModelPullStatus? Get(string name)
    {
        var model = store.Find(name);
        if (model is null)
            return null;
        lock (_gate)
        {
            if (_jobs.TryGetValue(model.Name, out var job))
                return job.Status;
        }
        return store.IsInstalled(model.Name)
            ? new ModelPullStatus(model.Name, ModelPullPhase.Installed, FileCount: model.Files.Count, Bytes: model.TotalSize ?? 0, TotalBytes: model.TotalSize)
            : new ModelPullStatus(model.Name, ModelPullPhase.NotStarted, FileCount: model.Files.Count, TotalBytes: model.TotalSize);
    }

    /// <summary>
    /// Starts pulling <paramref name="name"/> in the background. <paramref name="started"/> is false when it is already
    /// installed or its pull is already queued or running (the status says which). Returns null for an unknown name.
    /// </summary>
    public ModelPullStatus? Start(string name, out bool started)
    {
        started = false;
        var model = store.Find(name);
        if (model is null)
            return null;
        ModelPullJob job;
        lock (_gate)
        {
            if (_jobs.TryGetValue(model.Name, out var existing) && existing.Status.Running)
                return existing.Status;
            if (store.IsInstalled(model.Name))
                return Get(model.Name);
            existing?.Dispose();
            job = new ModelPullJob(model, _stopping.Token, j => Changed?.Invoke(j.Status));
            _jobs[model.Name] = job;
            started = true;
        }
        logger.LogInformation("Pull of model {Model} queued from the admin side", model.Name);
        job.Completion = Task.Run(() => RunAsync(job));
        Changed?.Invoke(job.Status);
        return job.Status;
    }

    /// <summary>Cancels <paramref name="name"/>'s queued or running pull; false when none runs.</summary>
    public bool Cancel(string name)
    {
        var model = store.Find(name);
        if (model is null)
            return false;
        lock (_gate)
            return _jobs.TryGetValue(model.Name, out var job) && job.Cancel();
    }

    private async Task RunAsync(ModelPullJob job)
    {
        try
        {
            await _slots.WaitAsync(job.Token);
            try
            {
                job.Set(ModelPullPhase.Downloading);
                await store.PullAsync(job.Model.Name, job, cancellationToken: job.Token);
            }
            finally
            {
                _slots.Release();
            }
            logger.LogInformation("Model {Model} pulled and installed", job.Model.Name);
            job.Set(ModelPullPhase.Installed);
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            logger.LogInformation("Pull of model {Model} cancelled", job.Model.Name);
            job.Set(ModelPullPhase.Cancelled, "Cancelled. Nothing was installed; the next pull resumes from the bytes downloaded so far.");
        }
        catch (Exception e) when (e is ModelStoreException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            logger.LogWarning("Pull of model {Model} failed: {Reason}", job.Model.Name, e.Message);
            job.Set(ModelPullPhase.Failed, e.Message);
        }
    }

    /// <summary>Stops every pull with the host and waits briefly for them to let go of their files.</summary>
    public void Dispose()
    {
        Task[] running;
        lock (_gate)
            running = _jobs.Values.Select(j => j.Completion).ToArray();
        _stopping.Cancel();
        try
        {
            Task.WaitAll(running, TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Each pull records its own outcome; shutting down goes on regardless.
        }
        lock (_gate)
        {
            foreach (var job in _jobs.Values)
                job.Dispose();
        }
        _stopping.Dispose();
        _slots.Dispose();
    }
}
