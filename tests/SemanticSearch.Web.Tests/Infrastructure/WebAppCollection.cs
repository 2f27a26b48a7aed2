namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>API tests share one indexed host (start-up and indexing happen once).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
