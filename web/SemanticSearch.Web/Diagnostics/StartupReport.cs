using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Web.Security;

namespace SemanticSearch.Web.Diagnostics;

/// <summary>
/// Says at start-up what the host serves and from where, how admin is protected, and loads the model so a missing
/// one is reported at once (with the command that fetches it) rather than on the first search.
/// </summary>
public sealed class StartupReport(
    IHostApplicationLifetime lifetime,
    IServer server,
    DataFolder data,
    DataFolderLock held,
    AdminKey adminKey,
    ModelAvailability model,
    ILogger<StartupReport> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        logger.LogInformation("SemanticSearch is serving on {Addresses} with data folder {DataFolder}",
            string.Join(", ", addresses), data.Root);
        // A second host or `semsearch index` on this folder names the address where this one really listens.
        try
        {
            held.Describe(held.Holder with { Url = string.Join(", ", addresses) });
        }
        catch (DataFolderException e)
        {
            logger.LogWarning("{Problem}", e.Message);
        }
        if (adminKey.IsConfigured)
            logger.LogInformation("Admin requires the key from SemanticSearch:Admin:ApiKey");
        else
            logger.LogWarning("No admin key configured (SemanticSearch:Admin:ApiKey): admin is only reachable from this machine");

        var state = await Task.Run(() => model.Current, stoppingToken);
        if (!state.Available)
            logger.LogError("Search is unavailable until the model is installed; status and admin keep working. {Problem}", state.Problem);
    }
}
