using SemanticSearch.Crawler.Models;

namespace SemanticSearch.Web.Hosting;

/// <summary>Starts loading the model (and resuming an interrupted switch) in the background when the host starts.</summary>
public sealed class ModelServiceStart(ModelService models) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => models.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
