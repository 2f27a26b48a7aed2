using SemanticSearch.Clip.Store;

namespace SemanticSearch.Web.ModelPulls;

/// <summary>
/// One pull in flight: its cancellation and its latest status. The store reports per file; this adds up the bytes of
/// the files already done so the status carries the whole model's progress.
/// </summary>
internal sealed class ModelPullJob(KnownModel model, CancellationToken stopping, Action<ModelPullJob> changed)
    : IProgress<ModelPullProgress>, IDisposable
{
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private long _finishedFilesBytes;
    private volatile ModelPullStatus _status = new(model.Name, ModelPullPhase.Queued, FileCount: model.Files.Count, TotalBytes: model.TotalSize);

    public KnownModel Model { get; } = model;

    public ModelPullStatus Status => _status;

    public CancellationToken Token => _cancel.Token;

    /// <summary>Set once the background task is started.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>Asks the pull to stop; false when it already ended.</summary>
    public bool Cancel()
    {
        if (!_status.Running)
            return false;
        _cancel.Cancel();
        return true;
    }

    /// <summary>Moves to <paramref name="phase"/> and tells the queue.</summary>
    public void Set(ModelPullPhase phase, string? problem = null)
    {
        _status = _status with
        {
            Phase = phase,
            Problem = problem,
            File = phase == ModelPullPhase.Downloading ? _status.File : null,
            Bytes = phase == ModelPullPhase.Installed && _status.TotalBytes is { } total ? total : _status.Bytes,
        };
        changed(this);
    }

    /// <inheritdoc />
    public void Report(ModelPullProgress value)
    {
        var bytes = _finishedFilesBytes + value.FileBytes;
        if (value.FileDone)
            _finishedFilesBytes += value.FileBytes;
        _status = _status with
        {
            Phase = ModelPullPhase.Downloading, File = value.File, FileIndex = value.FileIndex, FileCount = value.FileCount, Bytes = bytes,
        };
        changed(this);
    }

    /// <inheritdoc />
    public void Dispose() => _cancel.Dispose();
}
