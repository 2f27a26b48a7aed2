using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.QueryImages;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.QueryImages;

/// <summary>The query image store over a real folder: ids are hashes, entries expire and the limits hold.</summary>
public sealed class QueryImageStoreTests : IDisposable
{
    private readonly TempDirectory _data = new("semsearch-query-images");
    private readonly ShiftedClock _clock = new();

    private QueryImageStore Store(QueryImageOptions? options = null) =>
        new(new DataFolder(_data.Path), Options.Create(options ?? new QueryImageOptions()), _clock, NullLogger<QueryImageStore>.Instance);

    private static byte[] Bytes(int seed, int length = 1000) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * seed))];

    [Fact]
    public async Task A_kept_image_is_read_back_by_its_hash_from_the_data_folder()
    {
        var store = Store();
        var bytes = Bytes(3);

        var id = await store.SaveAsync(bytes, default);

        Assert.Equal(QueryImageId.Of(bytes), id);
        Assert.Equal(_data.Combine("query-images", id!), Path.Combine(store.Directory, id!));
        Assert.Equal(bytes, await store.LoadAsync(id!, default));
    }

    [Fact]
    public async Task An_image_is_gone_after_the_configured_time_and_the_sweep_deletes_it()
    {
        var store = Store(new QueryImageOptions { KeepHours = 24 });
        var id = (await store.SaveAsync(Bytes(5), default))!;

        _clock.Offset = TimeSpan.FromHours(23);
        Assert.NotNull(await store.LoadAsync(id, default));
        _clock.Offset = TimeSpan.FromHours(24.5);

        Assert.Null(await store.LoadAsync(id, default));
        Assert.Equal(1, store.Sweep());
        Assert.Empty(Directory.EnumerateFiles(store.Directory));
    }

    [Fact]
    public async Task Saving_again_renews_an_image()
    {
        var store = Store(new QueryImageOptions { KeepHours = 1 });
        var id = (await store.SaveAsync(Bytes(7), default))!;
        _clock.Offset = TimeSpan.FromMinutes(50);

        await store.SaveAsync(Bytes(7), default);
        _clock.Offset = TimeSpan.FromMinutes(100);

        Assert.NotNull(await store.LoadAsync(id, default));
    }

    [Fact]
    public async Task Past_the_count_limit_the_oldest_images_go_first()
    {
        var store = Store(new QueryImageOptions { MaxCount = 2 });
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            _clock.Offset = TimeSpan.FromMinutes(i);
            ids.Add((await store.SaveAsync(Bytes(i + 10), default))!);
        }

        Assert.Null(await store.LoadAsync(ids[0], default));
        Assert.NotNull(await store.LoadAsync(ids[1], default));
        Assert.NotNull(await store.LoadAsync(ids[2], default));
        Assert.Equal(2, Directory.EnumerateFiles(store.Directory).Count());
    }

    [Fact]
    public async Task Past_the_byte_limit_the_oldest_images_go_first()
    {
        var store = Store(new QueryImageOptions { MaxBytes = 1024 * 1024 });
        _clock.Offset = TimeSpan.FromMinutes(1);
        var older = (await store.SaveAsync(Bytes(3, 600_000), default))!;
        _clock.Offset = TimeSpan.FromMinutes(2);
        var newer = (await store.SaveAsync(Bytes(5, 600_000), default))!;

        Assert.Null(await store.LoadAsync(older, default));
        Assert.NotNull(await store.LoadAsync(newer, default));
    }

    [Theory]
    [InlineData("../catalog.db")]
    [InlineData("")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85/")]
    public async Task An_id_that_is_not_a_lowercase_sha256_is_refused_before_any_path_is_formed(string id)
    {
        File.WriteAllText(_data.Combine("catalog.db"), "not for query-image readers");

        Assert.False(QueryImageId.IsValid(id));
        await Assert.ThrowsAsync<ArgumentException>(() => Store().LoadAsync(id, default));
    }

    [Fact]
    public async Task Files_in_the_folder_that_are_not_query_images_are_left_alone()
    {
        var store = Store(new QueryImageOptions { MaxCount = 1 });
        Directory.CreateDirectory(store.Directory);
        var foreign = Path.Combine(store.Directory, "README.txt");
        File.WriteAllText(foreign, "someone else's");

        await store.SaveAsync(Bytes(9), default);
        await store.SaveAsync(Bytes(11), default);

        Assert.True(File.Exists(foreign));
    }

    public void Dispose() => _data.Dispose();
}
