using Microsoft.AspNetCore.Components;
using SemanticSearch.Core.Models;
using SemanticSearch.Web.ModelPulls;

namespace SemanticSearch.Web.Components.Admin;

/// <summary>
/// The admin page's models panel. Reads and actions run off the circuit (the list counts vectors in the catalog, a
/// switch loads a model); the service's and the pulls' events schedule at most one re-read per <see cref="PushInterval"/>.
/// </summary>
public sealed partial class ModelsPanel : IDisposable
{
    /// <summary>What the variant select sends when the admin has not chosen: int8 on CPU when the folder has it.</summary>
    public const string AutoVariant = "Auto";

    /// <summary>Fastest rate at which switch and pull progress is pushed to the browser.</summary>
    private static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, string> _variants = new(StringComparer.OrdinalIgnoreCase);
    private IModelService? _models;
    private ModelsPanelState _state = ModelsPanelState.Empty;
    private ModelListing? _confirmDelete;
    private string? _message;
    private bool _isError;
    private bool _switching;
    private int _refreshQueued;
    private bool _disposed;

    // Resolved optionally: the switching engine registers IModelService; a host without it still shows the admin page.
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private ModelPullQueue Pulls { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<ModelsPanel> Logger { get; set; } = default!;

    private bool Switching => _switching || _state.Pending is { Phase: ModelSwitchPhase.Embedding or ModelSwitchPhase.Flipping };

    private string VariantOf(string model) => _variants.GetValueOrDefault(model, AutoVariant);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _models = Services.GetService<IModelService>();
        if (_models is null)
            return;
        _models.Changed += OnChanged;
        Pulls.Changed += OnPullChanged;
        _state = await Task.Run(Read);
    }

    private ModelsPanelState Read()
    {
        var models = _models!.List();
        var pulls = new Dictionary<string, ModelPullStatus>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            if (model.Repository is not null && Pulls.Get(model.Name) is { } pull)
                pulls[model.Name] = pull;
        }
        return new ModelsPanelState(models, _models.AnsweringModel, _models.Readiness, _models.Problem, _models.Pending, pulls);
    }

    private void Pull(string name)
    {
        var status = Pulls.Start(name, out var started);
        Logger.LogInformation("Admin page asked to pull {Model}: {Phase}", name, status?.Phase);
        Say(status is null ? $"'{name}' is not a known model." : started ? $"Pulling {name}." : ModelsText.Pull(status), status is null);
        ScheduleRefresh();
    }

    private void CancelPull(string name)
    {
        Say(Pulls.Cancel(name) ? $"Cancelling the pull of {name}." : $"No pull of {name} is running.", false);
        ScheduleRefresh();
    }

    private async Task Use(ModelListing model)
    {
        var choice = new ModelChoice { Name = model.Name, Variant = VariantOf(model.Name) };
        _switching = true;
        try
        {
            Logger.LogInformation("Admin page asked to switch to {Model} ({Variant})", choice.Name, choice.Variant);
            var progress = await Task.Run(() => _models!.SwitchAsync(choice));
            Say($"Switching to {progress.Model} ({choice.Variant}): the current model answers until every image is embedded.", false);
        }
        catch (ModelChoiceException e)
        {
            Say(e.Message, true);
        }
        finally
        {
            _switching = false;
        }
        _state = await Task.Run(Read);
    }

    private void CancelSwitch()
    {
        Say(_models!.CancelSwitch() ? "Cancelling the switch: the current model keeps answering." : "No switch is running.", false);
        ScheduleRefresh();
    }

    private async Task DeleteVectors(ModelListing model)
    {
        _confirmDelete = null;
        try
        {
            var deleted = await Task.Run(() => _models!.DeleteVectorsAsync(model.ModelId ?? model.Name));
            Say($"Deleted {RunOutcomeText.Count(deleted)} vectors of {model.Name}.", false);
        }
        catch (ModelChoiceException e)
        {
            Say(e.Message, true);
        }
        _state = await Task.Run(Read);
    }

    private void Say(string message, bool isError)
    {
        _message = message;
        _isError = isError;
    }

    private void OnChanged() => ScheduleRefresh();

    private void OnPullChanged(ModelPullStatus status) => ScheduleRefresh();

    /// <summary>Runs on the engine's or the pull's thread: at most one re-read is waiting at a time.</summary>
    private void ScheduleRefresh()
    {
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 0)
            _ = RefreshSoonAsync();
    }

    private async Task RefreshSoonAsync()
    {
        try
        {
            await Task.Delay(PushInterval, Time);
            Interlocked.Exchange(ref _refreshQueued, 0);
            if (_disposed)
                return;
            var state = await Task.Run(Read);
            await InvokeAsync(() =>
            {
                if (_disposed)
                    return;
                _state = state;
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The browser left; nothing to push to.
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // A failed re-read must not take the circuit down; the next event reads again.
            Logger.LogWarning(e, "The models panel could not re-read the model list");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        if (_models is not null)
            _models.Changed -= OnChanged;
        Pulls.Changed -= OnPullChanged;
    }
}
