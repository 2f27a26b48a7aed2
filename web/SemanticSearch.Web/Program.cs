using SemanticSearch.Web.Hosting;

// The host: configuration (root appsettings.json, --data-dir, --source), the engine, the API and the Blazor UI.
// Each part registers itself through one extension method; see Hosting/.
try
{
    var builder = WebApplication.CreateBuilder(HostContentRoot.Options(WebCommandLine.Translate(args)));
    builder.ReportStartupFailuresInOneLine();
    builder.AddSemanticSearchConfiguration();
    builder.AddSemanticSearchEngine();
    builder.AddSemanticSearchWeb();

    var app = builder.Build();
    app.PrepareDataFolder();
    app.UseSemanticSearchWeb();
    app.Run();
    return 0;
}
catch (Exception e) when (StartupFailure.Describe(e) is { } reason)
{
    // A start-up failure a person can fix (folder in use or damaged, port taken): one line, exit code 1.
    Console.Error.WriteLine("SemanticSearch cannot start: " + reason);
    return 1;
}

/// <summary>The web host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
