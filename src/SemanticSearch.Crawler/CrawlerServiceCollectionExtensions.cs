using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Crawling;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Models;
using SemanticSearch.Crawler.Pipeline;
using SemanticSearch.Crawler.Web;

namespace SemanticSearch.Crawler;

/// <summary>Registers the crawler.</summary>
public static class CrawlerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the indexing pipeline, <see cref="IReindexService"/> (<see cref="ReindexService"/>), the hosted
    /// <see cref="CrawlerBackgroundService"/> (it only runs inside a host), the crawler's HTTP client, and binds
    /// <c>SemanticSearch:Crawler</c>, <c>SemanticSearch:Sources</c> and <c>SemanticSearch:StartupSources</c>, validated on start. Needs the catalog, its
    /// writer (<see cref="ICatalogWriter"/>, which keeps the vector index in step), embedding model, imaging services and <see cref="DataFolder"/> registered by the other projects; registers the
    /// one <see cref="IImageEmbedder"/> (<see cref="ImageEmbedder"/>, decoding at the thumbnail side) that search uses too.
    /// </summary>
    public static IServiceCollection AddCrawler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CrawlerOptions>().Bind(configuration.GetSection(CrawlerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CrawlerOptions>, CrawlerOptionsValidator>();
        services.AddOptions<ConfiguredSources>()
            .Configure(o => configuration.GetSection(ConfiguredSources.SectionName).Bind(o.Items))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConfiguredSources>, ConfiguredSourcesValidator>();
        services.AddOptions<StartupSourcesOptions>().Bind(configuration.GetSection(StartupSourcesOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<HostRateLimiter>();
        services.AddTransient<HostRateLimitHandler>();
        var http = services.AddHttpClient(CrawlerHttp.ClientName, (sp, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // The resilience pipeline owns timeouts.
                client.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<CrawlerOptions>>().Value.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        http.AddResilienceHandler("crawler", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<CrawlerOptions>>().Value;
                var attempt = TimeSpan.FromSeconds(o.HttpTimeoutSeconds);
                var backoff = TimeSpan.FromMilliseconds(250);
                // Outer bound for all attempts together, then retries, then the per-attempt timeout.
                pipeline.AddTimeout(attempt * (o.HttpRetries + 1) + backoff * Math.Pow(2, o.HttpRetries + 1));
                if (o.HttpRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.HttpRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        Delay = backoff,
                        UseJitter = true,
                    });
                }
                pipeline.AddTimeout(attempt);
            });
        // Added after the resilience handler, so it sits inside it: every retry waits for the host's rate limit.
        http.AddHttpMessageHandler<HostRateLimitHandler>();

        services.AddSingleton(sp => new WebFetcher(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<CrawlerOptions>>()));
        services.AddSingleton<ContentReader>();
        services.AddSingleton<ConfiguredSourceSync>();
        // The one image embedder of the process: the crawler and every query decode at the same side (the model input
        // or the thumbnail, whichever is larger), so a file embeds the same when indexed and when uploaded.
        services.TryAddSingleton<IImageEmbedder>(sp => new ImageEmbedder(
            sp.GetRequiredService<IEmbeddingModel>().Images,
            sp.GetRequiredService<IImageDecoder>(),
            sp.GetRequiredService<IImagePreprocessor>(),
            sp.GetRequiredService<IOptions<CrawlerOptions>>().Value.ThumbnailMaxSide));
        services.AddSingleton(sp => new IndexingPipeline(
            sp.GetRequiredService<ICrawlCatalog>(),
            sp.GetRequiredService<ICatalogWriter>(),
            sp.GetRequiredService<IEmbeddingModel>(),
            sp.GetRequiredService<IImageDecoder>(),
            sp.GetRequiredService<IImageEmbedder>(),
            sp.GetRequiredService<IThumbnailEncoder>(),
            sp.GetRequiredService<DecodeMemoryBudget>(),
            sp.GetRequiredService<DataFolder>(),
            sp.GetRequiredService<IOptions<CrawlerOptions>>().Value,
            sp.GetRequiredService<ConfiguredSourceSync>(),
            sp.GetRequiredService<WebFetcher>(),
            sp.GetRequiredService<ContentReader>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<CrawlerRunGate>()));
        services.AddSingleton<ReindexService>();
        services.AddSingleton<IReindexService>(sp => sp.GetRequiredService<ReindexService>());
        // Also resolvable as itself, so a host can report its state (the web host's /health).
        services.AddSingleton<CrawlerBackgroundService>();
        services.AddHostedService(sp => sp.GetRequiredService<CrawlerBackgroundService>());
        return services;
    }
}
