using SemanticSearch.Core.Catalog;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Storage.Tests.Index;

public sealed class CalibratedStoreTests : IDisposable
{
    private static readonly VectorIndexOptions HnswOnly = new() { ExactBelow = 0, Connectivity = 4, ExpansionAdd = 16 };

    private readonly TempDirectory _temp = new();
    private readonly CatalogStore _catalog;

    public CalibratedStoreTests()
    {
        _catalog = new CatalogStore(_temp.Combine("catalog.db"));
        _catalog.EnsureModel(TestData.ModelId, TestData.Dim);
        var source = _catalog.AddSource(TestData.Folder("/photos")).Id;
        _catalog.WriteBatch(new CatalogBatch
        {
            Indexed = [.. Enumerable.Range(0, 1500).Select(i => TestData.Image(source, $"/photos/{i}.jpg", i))],
        });
    }

    private string IndexPath => _temp.Combine("vectors.usearch");

    private string CalibrationPath => SearchExpansionCalibration.PathFor(IndexPath);

    public void Dispose()
    {
        _catalog.Dispose();
        _temp.Dispose();
    }

    private VectorIndexStore Open(VectorIndexOptions? options = null) => VectorIndexStore.Open(_catalog, IndexPath, options ?? HnswOnly);

    [Fact]
    public void A_build_calibrates_the_expansion_and_a_restart_reuses_it_without_measuring()
    {
        SearchExpansionCalibration calibration;
        using (var built = Open())
        {
            Assert.Equal(IndexRecoveryKind.Rebuilt, built.Recovery.Kind);
            calibration = Assert.IsType<SearchExpansionCalibration>(built.Calibration);
            Assert.True(calibration.Recall >= 0.97, $"recall {calibration.Recall}");
            Assert.Equal(0.97, calibration.TargetRecall);
            Assert.Equal(150, calibration.Queries); // a tenth of 1,500
            Assert.Equal(1500, calibration.Count);
            Assert.Equal(calibration.ExpansionSearch, built.Tiers.Hnsw.ExpansionSearch);
            Assert.Equal(1500, built.Index.Count); // the held-out vectors were added back
            Assert.True(File.Exists(CalibrationPath));
        }

        using var reopened = Open();

        Assert.Equal(IndexRecoveryKind.Loaded, reopened.Recovery.Kind);
        Assert.Equal(calibration, reopened.Calibration);
        Assert.Equal(calibration.ExpansionSearch, reopened.Tiers.Hnsw.ExpansionSearch);
    }

    [Fact]
    public void A_higher_recall_target_is_calibrated_again_to_a_higher_expansion()
    {
        int low;
        using (var store = Open(new VectorIndexOptions { ExactBelow = 0, Connectivity = 4, ExpansionAdd = 16, TargetRecall = 0.8 }))
            low = store.Calibration!.ExpansionSearch;

        using var higher = Open(new VectorIndexOptions { ExactBelow = 0, Connectivity = 4, ExpansionAdd = 16, TargetRecall = 0.995 });

        Assert.Equal(IndexRecoveryKind.Rebuilt, higher.Recovery.Kind);
        Assert.Contains("not calibrated", higher.Recovery.Reason);
        Assert.True(higher.Calibration!.ExpansionSearch > low, $"0.995 → {higher.Calibration.ExpansionSearch}, 0.8 → {low}");
    }

    [Fact]
    public void An_index_without_a_usable_calibration_is_rebuilt_to_measure_one()
    {
        using (Open()) { }
        File.WriteAllText(CalibrationPath, "{ not json");

        using var store = Open();

        Assert.Equal(IndexRecoveryKind.Rebuilt, store.Recovery.Kind);
        Assert.NotNull(SearchExpansionCalibration.Read(CalibrationPath));
        Assert.Equal(store.Calibration!.ExpansionSearch, store.Tiers.Hnsw.ExpansionSearch);
    }

    [Fact]
    public void An_explicit_expansion_wins_and_nothing_is_measured()
    {
        using var store = Open(new VectorIndexOptions { ExactBelow = 0, ExpansionSearch = 37 });

        Assert.Null(store.Calibration);
        Assert.Equal(37, store.Tiers.Hnsw.ExpansionSearch);
        Assert.False(File.Exists(CalibrationPath));
    }

    [Fact]
    public void Collections_answered_exactly_are_not_calibrated()
    {
        using var store = Open(new VectorIndexOptions { ExactBelow = 2000 });

        Assert.True(store.Tiers.IsExact);
        Assert.Null(store.Calibration);
        Assert.Equal(VectorIndexOptions.UncalibratedExpansionSearch, store.Tiers.Hnsw.ExpansionSearch);
    }

    [Fact]
    public void Changing_the_storage_precision_rebuilds_the_index_in_it()
    {
        using (Open()) { }

        using var store = Open(new VectorIndexOptions { ExactBelow = 0, Connectivity = 4, ExpansionAdd = 16, Scalar = VectorScalar.I8 });

        Assert.Equal(IndexRecoveryKind.Rebuilt, store.Recovery.Kind);
        Assert.Contains("I8", store.Recovery.Reason);
        Assert.Equal(VectorScalar.I8, store.Tiers.Hnsw.Scalar);
        Assert.Equal(VectorScalar.I8, store.Calibration!.Scalar);
        Assert.Equal(1500, store.Index.Count);
    }
}
