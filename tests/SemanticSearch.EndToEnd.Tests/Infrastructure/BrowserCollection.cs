namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>The browser tests share one host and browser; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
