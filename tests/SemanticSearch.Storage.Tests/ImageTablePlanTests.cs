using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>
/// Reads by an id list look each id up by primary key. Searches call them on every query, so a plan that walks an
/// index over all indexed rows instead grows with the catalog (about 80 ms per query at a million images).
/// </summary>
public sealed class ImageTablePlanTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> IdListQueries => new() { "images", "embeddings", "filter values" };

    private static string Sql(string name) => name switch
    {
        "images" => ImageTable.ImagesByIdSql,
        "embeddings" => ImageTable.EmbeddingsByIdSql,
        _ => ImageTable.FilterValuesByIdSql,
    };

    [Theory]
    [MemberData(nameof(IdListQueries))]
    public void A_read_by_ids_looks_each_id_up_instead_of_walking_the_indexed_rows(string query)
    {
        var ids = WriteIndexedCatalog(300);

        var plan = Plan(Sql(query), ids.Take(10));

        Assert.Contains(plan, step => step.Contains("images USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("images USING INDEX", StringComparison.Ordinal)
            || step.StartsWith("SCAN images", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_by_ids_still_return_only_what_each_asks_for()
    {
        using var services = Compose();
        var writer = services.GetRequiredService<ICatalogWriter>();
        writer.EnsureModel(TestData.ModelId, TestData.Dim);
        var source = services.GetRequiredService<ICatalogStore>().AddSource(TestData.Folder("/photos")).Id;
        var indexed = writer.Write(new CatalogBatch
        {
            Indexed = [TestData.Image(source, "/photos/a.jpg", 1), TestData.Image(source, "/photos/b.jpg", 2)],
        }).IndexedIds;
        var reader = services.GetRequiredService<ICatalogReader>();

        var embeddings = reader.GetEmbeddings([indexed[1], 999_999]);
        var images = reader.GetImages([indexed[0], indexed[1], 999_999]);

        Assert.Equal([indexed[1]], embeddings.Keys);
        Assert.Equal(TestData.Dim, embeddings[indexed[1]].Length);
        Assert.Equal(["/photos/a.jpg", "/photos/b.jpg"], images.Values.Select(i => i.Location).Order());
    }

    private ServiceProvider Compose() => StorageComposition.Over(_temp.Path);

    private List<long> WriteIndexedCatalog(int count)
    {
        using var services = Compose();
        var writer = services.GetRequiredService<ICatalogWriter>();
        writer.EnsureModel(TestData.ModelId, TestData.Dim);
        var source = services.GetRequiredService<ICatalogStore>().AddSource(TestData.Folder("/photos")).Id;
        var batch = new CatalogBatch { Indexed = [.. Enumerable.Range(0, count).Select(i => TestData.Image(source, $"/photos/{i}.jpg", i))] };
        return [.. writer.Write(batch).IndexedIds];
    }

    /// <summary>SQLite's plan for <paramref name="sql"/> on the catalog file the store wrote, one line per step.</summary>
    private List<string> Plan(string sql, IEnumerable<long> ids)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_temp.Path, "catalog.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue("@ids", "[" + string.Join(",", ids) + "]");
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
            steps.Add(reader.GetString(reader.GetOrdinal("detail")));
        return steps;
    }
}
