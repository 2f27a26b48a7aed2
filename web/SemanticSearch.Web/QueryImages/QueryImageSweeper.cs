namespace SemanticSearch.Web.QueryImages;

/// <summary>
/// Sweeps expired query images every hour, so they leave the disk even when nobody uploads a new one (saving sweeps
/// too).
/// </summary>
public sealed class QueryImageSweeper(QueryImageStore store, TimeProvider time, ILogger<QueryImageSweeper> logger) : BackgroundService
{
    /// <summary>Time between sweeps.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var deleted = store.Sweep();
                if (deleted > 0)
                    logger.LogInformation("Deleted {Count} expired query images", deleted);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Query images could not be swept: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
