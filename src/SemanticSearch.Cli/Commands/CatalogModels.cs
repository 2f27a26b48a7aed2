using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Models;

namespace SemanticSearch.Cli.Commands;

/// <summary>What a data folder's catalog says about models: the one whose vectors answer, the switch under way, kept vectors.</summary>
internal sealed record CatalogModels(string? Answering, string? Pending, IReadOnlyDictionary<string, long> Vectors)
{
    /// <summary>Read without creating anything: a data folder without a catalog has no answering model yet.</summary>
    public static CatalogModels Read(string? dataDir)
    {
        var folder = new DataFolder(CliHost.Settings(dataDir, null)["SemanticSearch:DataDirectory"]);
        if (!File.Exists(folder.CatalogPath))
            return new(null, null, new Dictionary<string, long>());
        using var provider = CliHost.BuildForReading(dataDir, null);
        var vectors = provider.GetRequiredService<IModelVectorStore>();
        return new(provider.GetRequiredService<ICatalogStore>().GetStats().Model?.ModelId, vectors.GetPendingSwitch()?.ModelId, vectors.CountAll());
    }
}
