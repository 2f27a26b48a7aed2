using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SemanticSearch.Web.Hosting;

/// <summary>Layers the root <c>appsettings.json</c> under the host's configuration.</summary>
public static class ConfigurationExtensions
{
    /// <summary>The address used when neither settings nor the command line name one.</summary>
    public const string DefaultUrl = "http://localhost:5000";

    /// <summary>
    /// Inserts the root settings files below every other source (environment variables and the command line still
    /// win) and falls back to <see cref="DefaultUrl"/> when nothing configures an address.
    /// </summary>
    public static WebApplicationBuilder AddSemanticSearchConfiguration(this WebApplicationBuilder builder)
    {
        var index = 0;
        foreach (var file in RootSettingsFiles.Find(builder.Environment.ContentRootPath))
        {
            builder.Configuration.Sources.Insert(index++, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(file)!),
                Path = Path.GetFileName(file),
                Optional = true,
                ReloadOnChange = false,
            });
        }

        // Static web assets (blazor.web.js, scoped CSS) come from the build output's manifest in every environment,
        // not only Development, so `dotnet SemanticSearch.Web.dll` from bin/ serves the UI too.
        builder.WebHost.UseStaticWebAssets();

        if (!HasConfiguredAddress(builder.Configuration))
            builder.WebHost.UseUrls(DefaultUrl);
        return builder;
    }

    private static bool HasConfiguredAddress(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
