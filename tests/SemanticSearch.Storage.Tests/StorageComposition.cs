using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SemanticSearch.Storage.Tests;

/// <summary>The storage services as the shared composition root registers them, over one data folder.</summary>
internal static class StorageComposition
{
    public static ServiceProvider Over(string dataDirectory) => new ServiceCollection()
        .AddStorage(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SemanticSearch:DataDirectory"] = dataDirectory })
            .Build())
        .BuildServiceProvider();
}
