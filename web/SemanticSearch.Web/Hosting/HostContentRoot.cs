namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Where the host's content root (and so <c>wwwroot</c>) is. A published host carries <c>wwwroot</c> next to its
/// binaries and must serve it whatever folder it is started from (a systemd unit, a container); the default, the
/// working directory, would make every static asset an empty response. A build output has no <c>wwwroot</c> (the
/// static web assets manifest points into the project), so there the default stays, as <c>dotnet run</c> expects.
/// </summary>
public static class HostContentRoot
{
    /// <summary>Builder options for <paramref name="args"/>, with the application's folder as content root when published.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = IsPublished(AppContext.BaseDirectory) && !IsConfigured(args) ? AppContext.BaseDirectory : null,
    };

    private static bool IsPublished(string appFolder) =>
        Directory.Exists(Path.Combine(appFolder, "wwwroot"))
        && !File.Exists(Path.Combine(appFolder, $"{typeof(HostContentRoot).Assembly.GetName().Name}.staticwebassets.runtime.json"));

    /// <summary>An explicit <c>--contentRoot</c> or environment setting still wins.</summary>
    private static bool IsConfigured(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
}
