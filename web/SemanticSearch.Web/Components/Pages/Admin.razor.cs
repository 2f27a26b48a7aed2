using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.Components.Admin;

namespace SemanticSearch.Web.Components.Pages;

/// <summary>
/// The admin page: reindex buttons, live progress pushed from the crawler's <see cref="IReindexService.ProgressChanged"/>
/// (throttled), catalog numbers, sources and recent failures.
/// </summary>
public sealed partial class Admin : IDisposable
{
    /// <summary>Fastest rate at which progress is pushed to the browser.</summary>
    private static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Catalog counts are re-read at most this often while a run goes on.</summary>
    private static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(1);

    private const int FailuresShown = 20;

    private CrawlProgress _progress = CrawlProgress.Idle;
    private CrawlProgress _latest = CrawlProgress.Idle;
    private StatusDto _status = default!;
    private long _databaseBytes;
    private IReadOnlyList<CrawlFailure> _failures = [];
    private string? _message;
    private bool _signedInByLoopback;
    private int _pushQueued;
    private long _lastPush;
    private long _lastStats;
    private bool _disposed;
    private bool _confirmFull;
    private CrawlRunReport? _loggedRun;
    private IReadOnlyDictionary<string, long> _failureKinds = new Dictionary<string, long>();
    private string? _failureKind;

    [Inject] private IReindexService Reindex { get; set; } = default!;
    [Inject] private StatusReport Status { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<Admin> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool IsRunning => _progress.State != CrawlState.Idle;

    /// <summary>This process's last run, else the one the catalog's runs log remembers.</summary>
    private CrawlRunReport? LastRun => _progress.LastRun ?? _loggedRun;

    private string FullRebuildQuestion
    {
        get
        {
            var images = _status.Indexed + _status.Pending + _status.Failed;
            return $"A full rebuild re-reads and re-embeds all {RunOutcomeText.Count(images)} {(images == 1 ? "image" : "images")} "
                + "from their originals; search keeps working meanwhile. Go ahead?";
        }
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            _signedInByLoopback = user.FindFirst(ClaimTypes.AuthenticationMethod)?.Value == "loopback";
        }
        _progress = _latest = Reindex.Progress;
        if (_progress.LastRun is null)
            _loggedRun = Status.LastRun();
        RefreshStats();
        Reindex.ProgressChanged += OnProgressChanged;
    }

    private void Start(ReindexMode mode)
    {
        var result = Reindex.Start(mode);
        Logger.LogInformation("Admin page asked for a {Mode} reindex: {Message}", mode, result.Message);
        _message = result.Message;
        _progress = _latest = Reindex.Progress;
    }

    private void ConfirmFull()
    {
        _confirmFull = false;
        Start(ReindexMode.Full);
    }

    private void RetryFailed(string? kind)
    {
        var result = Reindex.RetryFailed(kind);
        Logger.LogInformation("Admin page asked to retry failed images ({Kind}): {Message}", kind ?? "all kinds", result.Message);
        _message = result.Message;
        _progress = _latest = Reindex.Progress;
    }

    private void FilterFailures(string? kind)
    {
        _failureKind = kind;
        RefreshStats();
    }

    private void Cancel()
    {
        _message = Reindex.Cancel() ? "Cancelling: the run stops at the next safe point." : "Nothing was running.";
        _progress = _latest = Reindex.Progress;
    }

    private void RefreshStats()
    {
        _status = Status.Read();
        var stats = Status.ReadCatalogStats();
        _databaseBytes = stats.DatabaseBytes;
        _failureKinds = stats.FailuresByKind;
        _lastStats = Time.GetTimestamp();
        // This run's failures first (they carry the freshest reasons), then what the catalog remembers.
        var stored = Status.RecentFailures(FailuresShown, _failureKind)
            .Select(i => new CrawlFailure(i.Location, i.FailureKind ?? "Unknown", i.FailureReason ?? "", i.Updated));
        _failures = _latest.LastErrors.Where(f => _failureKind is null || f.Kind == _failureKind).Concat(stored)
            .DistinctBy(f => f.Location)
            .Take(FailuresShown)
            .ToList();
    }

    /// <summary>Runs on the crawler's thread: remembers the snapshot and schedules at most one push per interval.</summary>
    private void OnProgressChanged(CrawlProgress progress)
    {
        _latest = progress;
        if (Interlocked.Exchange(ref _pushQueued, 1) == 0)
            _ = PushAsync();
    }

    private async Task PushAsync()
    {
        try
        {
            var wait = PushInterval - Time.GetElapsedTime(Interlocked.Read(ref _lastPush));
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, Time);
            Interlocked.Exchange(ref _pushQueued, 0);
            await InvokeAsync(() =>
            {
                if (_disposed)
                    return;
                var latest = _latest;
                var finished = _progress.State != CrawlState.Idle && latest.State == CrawlState.Idle;
                _progress = latest;
                if (finished || Time.GetElapsedTime(_lastStats) >= StatsInterval)
                    RefreshStats();
                StateHasChanged();
            });
            Interlocked.Exchange(ref _lastPush, Time.GetTimestamp());
        }
        catch (ObjectDisposedException)
        {
            // The browser left; nothing to push to.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        Reindex.ProgressChanged -= OnProgressChanged;
    }
}
