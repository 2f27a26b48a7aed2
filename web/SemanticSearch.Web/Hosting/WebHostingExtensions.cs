using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Api;
using SemanticSearch.Web.Components;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.Security;

namespace SemanticSearch.Web.Hosting;

/// <summary>Registers and maps the web host: Blazor UI, HTTP API, admin security, limits, health and metrics.</summary>
public static class WebHostingExtensions
{
    /// <summary>Adds the UI, API and their cross-cutting services.</summary>
    public static WebApplicationBuilder AddSemanticSearchWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddAdminSecurity(configuration);
        services.AddSearchRateLimiting(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ModelAvailability>();
        services.AddSingleton<SearchMetrics>();
        services.AddSingleton<InstrumentedSearch>();
        services.AddSingleton<StatusReport>();
        services.AddSingleton<SourceAdministration>();
        services.AddSingleton<QueryImagePreview>();
        services.AddSingleton<QueryImageAdmission>();
        services.AddHostedService<StartupReport>();

        services.AddHealthChecks()
            .AddCheck<CatalogHealthCheck>("catalog")
            .AddCheck<ModelHealthCheck>("model")
            .AddCheck<CrawlerHealthCheck>("crawler");
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            // System.Runtime: process CPU time, GC and thread pool (bench http reads the host's CPU time from here).
            .AddMeter(SearchMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Adds the middleware and maps pages, API, OpenAPI, <c>/health</c> and <c>/metrics</c>.</summary>
    public static WebApplication UseSemanticSearchWeb(this WebApplication app)
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.Use((http, next) =>
        {
            // Uploaded bytes and originals are served as images only; pages are never framed by other sites.
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return next(http);
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            // API clients get problem details (or an empty 404 for unknown routes), never the HTML "not found" page.
            if (AdminAuth.IsApiRequest(http) && http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                statusPages.Enabled = false;
            return next(http);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapSearchEndpoints();
        app.MapImageEndpoints();
        app.MapStatusEndpoints();
        app.MapAdminEndpoints();
        app.MapOpenApi();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");

        // Creates the observable instruments now, so the first scrape already has them.
        app.Services.GetRequiredService<SearchMetrics>();
        return app;
    }
}
