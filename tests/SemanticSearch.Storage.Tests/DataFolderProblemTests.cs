using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests;

/// <summary>
/// A data folder that is damaged or of the wrong shape: real files in a temp folder. What cannot be repaired is one
/// message naming the file and what to do; derived data of the wrong kind is moved aside and rebuilt; the check finds
/// what the catalog's own invariants forbid.
/// </summary>
public sealed class DataFolderProblemTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-folder-problems");

    private DataFolder Folder => new(_temp.Path);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>A catalog with <paramref name="images"/> indexed images and a saved, current vector index.</summary>
    private void BuildIndexedFolder(int images = 20)
    {
        using var catalog = new CatalogStore(Folder.CatalogPath);
        catalog.EnsureModel(TestData.ModelId, TestData.Dim);
        var source = catalog.AddSource(TestData.Folder("/photos")).Id;
        using var store = VectorIndexStore.Open(catalog, Folder.VectorIndexPath, new VectorIndexOptions { ExactBelow = 0 });
        store.Apply(catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [.. Enumerable.Range(0, images).Select(i => TestData.Image(source, $"/photos/{i}.jpg", i))],
        }));
        Assert.True(store.Checkpoint());
    }

    [Fact]
    public void A_truncated_catalog_is_one_message_naming_the_file_the_check_and_how_to_rebuild()
    {
        BuildIndexedFolder(200);
        var length = new FileInfo(Folder.CatalogPath).Length;
        using (var file = new FileStream(Folder.CatalogPath, FileMode.Open))
            file.SetLength(length / 2);

        var error = Assert.Throws<DataFolderException>(() => new CatalogStore(Folder.CatalogPath));

        Assert.Contains(Folder.CatalogPath, error.Message);
        Assert.Contains("cut short", error.Message);
        Assert.Contains("semsearch catalog check", error.Message);
        Assert.Contains("aside", error.Message);
    }

    [Fact]
    public void A_garbled_catalog_header_is_one_message_naming_the_file()
    {
        BuildIndexedFolder();
        using (var file = new FileStream(Folder.CatalogPath, FileMode.Open))
            file.Write(new byte[64]);

        var error = Assert.Throws<DataFolderException>(() => new CatalogStore(Folder.CatalogPath));

        Assert.Contains(Folder.CatalogPath, error.Message);
        Assert.Contains("not an SQLite database", error.Message);
    }

    [Fact]
    public void A_folder_where_the_catalog_file_belongs_is_one_message_and_is_left_alone()
    {
        Directory.CreateDirectory(Folder.CatalogPath);

        var error = Assert.Throws<DataFolderException>(() => new CatalogStore(Folder.CatalogPath));

        Assert.Contains($"{Folder.CatalogPath} is damaged: it is a folder", error.Message);
        Assert.True(Directory.Exists(Folder.CatalogPath));
    }

    [Fact]
    public void A_folder_where_the_index_file_belongs_is_moved_aside_and_the_index_rebuilt()
    {
        BuildIndexedFolder();
        File.Delete(Folder.VectorIndexPath);
        Directory.CreateDirectory(Folder.VectorIndexPath);
        File.WriteAllText(Path.Combine(Folder.VectorIndexPath, "keep.txt"), "not ours");

        var folder = Folder.EnsureExists();
        using var catalog = new CatalogStore(folder.CatalogPath);
        using var store = VectorIndexStore.Open(catalog, folder.VectorIndexPath);

        var repair = Assert.Single(folder.Repairs);
        Assert.Contains("vector index", repair);
        Assert.Equal(20, store.Index.Count);
        Assert.True(File.Exists(folder.VectorIndexPath));
        var aside = Assert.Single(Directory.GetDirectories(_temp.Path, "vectors.usearch.moved-aside-*"));
        Assert.True(File.Exists(Path.Combine(aside, "keep.txt")));
    }

    [Fact]
    public void A_file_where_the_thumbnails_folder_belongs_is_moved_aside_and_the_folder_created()
    {
        File.WriteAllText(Folder.ThumbnailsDirectory, "not a folder");

        var folder = Folder.EnsureExists();

        Assert.Contains("thumbnails", Assert.Single(folder.Repairs));
        Assert.True(Directory.Exists(folder.ThumbnailsDirectory));
        Assert.Single(Directory.GetFiles(_temp.Path, "thumbnails.moved-aside-*"));
    }

    [Fact]
    public void The_check_of_a_sound_catalog_and_index_finds_nothing()
    {
        BuildIndexedFolder();

        Assert.Empty(CatalogCheck.Run(Folder, new VectorIndexOptions { ExactBelow = 0 }));
    }

    [Fact]
    public void The_check_finds_an_indexed_image_whose_embedding_has_the_wrong_dimension()
    {
        BuildIndexedFolder();
        Execute("UPDATE images SET embedding = zeroblob(8) WHERE id = 3");

        var problem = Assert.Single(CatalogCheck.Run(Folder));

        Assert.Contains("image 3", problem);
        Assert.Contains($"2 values, not {TestData.Dim}", problem);
    }

    [Fact]
    public void The_check_finds_an_indexed_image_embedded_by_another_model()
    {
        BuildIndexedFolder();
        Execute("UPDATE images SET model_id = 'other-model' WHERE id = 5");

        Assert.Contains("model other-model", Assert.Single(CatalogCheck.Run(Folder)));
    }

    [Fact]
    public void The_check_finds_a_vector_index_that_does_not_agree_with_the_catalog()
    {
        BuildIndexedFolder();
        using (var file = new FileStream(Folder.VectorIndexPath, FileMode.Open))
        {
            file.Position = file.Length / 2;
            file.WriteByte(0x5A);
        }

        var problem = Assert.Single(CatalogCheck.Run(Folder));

        Assert.Contains(Folder.VectorIndexPath, problem);
        Assert.Contains("SHA-256", problem);
    }

    [Fact]
    public void The_check_reports_sqlite_damage_inside_the_file()
    {
        BuildIndexedFolder(300);
        // Scribble over the middle of the file, past the header: the index b-tree pages no longer hold what they claim.
        using (var file = new FileStream(Folder.CatalogPath, FileMode.Open))
        {
            file.Position = file.Length / 2;
            file.Write(Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray());
        }

        Assert.NotEmpty(CatalogCheck.Run(Folder));
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Folder.CatalogPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
