using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Models;

namespace SemanticSearch.Crawler.Models;

/// <summary>
/// One switch in the background: embed what the new model lacks while the old one answers, then, with indexing runs
/// held, embed what they added meanwhile and flip. Cancelling keeps the vectors made so far (a later switch to the
/// same model resumes from them); abandoning (shutdown) keeps the switch recorded, so the next start resumes it.
/// </summary>
internal sealed class ModelSwitchRun(ModelService service, IEmbeddingModel model, ModelChoice choice, IImageEmbedder embedder, CancellationToken stopping)
{
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private volatile bool _cancelledByAdmin;
    private volatile bool _running = true;
    private volatile bool _flipped;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public bool IsRunning => _running;

    public void Start() => Completion = Task.Run(RunAsync, CancellationToken.None);

    public bool Cancel()
    {
        if (!_running || _flipped)
            return false;
        _cancelledByAdmin = true;
        return TryCancel();
    }

    public void Abandon() => TryCancel();

    private bool TryCancel()
    {
        try
        {
            _cancel.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false; // the run ended meanwhile
        }
    }

    private async Task RunAsync()
    {
        var token = _cancel.Token;
        var embedding = service.NewSwitchEmbedding(embedder, model.ModelId);
        try
        {
            embedding.Run(() => service.Report(service.Measure(model.ModelId, ModelSwitchPhase.Embedding)), token);
            service.Report(service.Measure(model.ModelId, ModelSwitchPhase.Flipping));
            using (await service.RunGate.EnterAsync(token).ConfigureAwait(false))
            {
                // Images a run indexed meanwhile; none can be added from here until the flip is done.
                embedding.Run(() => { }, token);
                _flipped = true;
                await service.FlipAsync(model, embedder, choice).ConfigureAwait(false);
            }
            service.Report(null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            model.Dispose();
            if (_cancelledByAdmin)
            {
                service.ClearPendingSwitch();
                service.Report(service.Measure(model.ModelId, ModelSwitchPhase.Cancelled));
            }
        }
        catch (Exception e)
        {
            if (!_flipped)
                model.Dispose();
            service.ClearPendingSwitch();
            service.Report(service.Measure(model.ModelId, ModelSwitchPhase.Failed, e.Message));
        }
        finally
        {
            _running = false;
            _cancel.Dispose();
        }
    }
}
