using SemanticSearch.Web.Hosting;

// The host: configuration (root appsettings.json, --data-dir, --source), the engine, the API and the Blazor UI.
// Each part registers itself through one extension method; see Hosting/.
var builder = WebApplication.CreateBuilder(WebCommandLine.Translate(args));
builder.AddSemanticSearchConfiguration();
builder.AddSemanticSearchEngine();
builder.AddSemanticSearchWeb();

var app = builder.Build();
app.UseSemanticSearchWeb();
app.Run();

/// <summary>The web host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
