using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using SemanticSearch.Web.Administration;
using SemanticSearch.Web.Api;
using SemanticSearch.Web.Components;
using SemanticSearch.Web.Components.Search;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.ModelPulls;
using SemanticSearch.Web.QueryImages;
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
        services.AddSingleton<IValidateOptions<WebOptions>, RetiredSettingsValidator>();

        services.AddTrustedProxies(configuration);
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
        services.AddQueryImages(configuration);
        services.AddModelPulls();
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
        // First, so client addresses (rate limits, throttling, loopback admin) are the real clients'.
        app.UseTrustedProxies();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // API clients get problem details, never the HTML "not found" page.
        app.UseApiProblemResponses();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // CSS, scripts and icons carry no photos; the sign-in page needs them in private mode.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapSearchEndpoints();
        app.MapImageEndpoints();
        app.MapStatusEndpoints();
        app.MapAdminEndpoints();
        app.MapOpenApi();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics");

        // Creates the observable instruments now, so the first scrape already has them.
        app.Services.GetRequiredService<SearchMetrics>();
        return app;
    }
}
