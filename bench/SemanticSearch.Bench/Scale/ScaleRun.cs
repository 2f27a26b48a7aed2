using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;
using SemanticSearch.Storage.Index;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// One <c>bench scale</c> run in phases: build a data folder through the product's write path, compute the exact
/// truth, open it cold, query it (alone, concurrently, filtered), then rebuild the index from the catalog.
/// </summary>
internal sealed class ScaleRun(ScaleSettings settings, VectorSource source, string dataDir, Action<string> progress)
{
    private readonly string _root = Path.Combine(Path.GetFullPath(dataDir), "photos");

    public async Task<ScaleReport> RunAsync(CancellationToken ct)
    {
        var loadStart = ProcessCpu.LoadAverage();
        var queries = source.Queries(settings.Queries);
        var model = new PrecomputedModel(queries, settings.Dimension);
        var filters = ScaleFilter.All(_root);

        var (buildSeconds, buildCpu) = Build(source, model, ct);
        var truthWatch = Stopwatch.StartNew();
        var truth = Truth(model, queries, filters, ct);
        var truthSeconds = truthWatch.Elapsed.TotalSeconds;
        Settle();

        progress("cold start: open the catalog and the index, answer the first query");
        var coldCpu = ProcessCpu.Seconds();
        var cold = Stopwatch.StartNew();
        ServiceProvider? services = ScaleHost.Build(dataDir, settings, model);
        try
        {
            var search = services.GetRequiredService<ISearchService>();
            await search.SearchAsync(QueryTimings.Query(0, SearchFilter.None), ct);
            var coldSeconds = cold.Elapsed.TotalSeconds;
            coldCpu = ProcessCpu.Seconds() - coldCpu;

            progress($"{settings.Queries} queries, one caller");
            var (recall, ms, seconds, searchCpu) = await QueryTimings.SequentialAsync(search, settings.Queries, SearchFilter.None, truth.All, ct);
            progress($"{settings.Queries} queries × {settings.Concurrency} callers");
            var concurrent = await QueryTimings.ConcurrentAsync(search, settings.Queries, settings.Concurrency, ct);
            var filtered = new List<FilteredResult>();
            for (var f = 0; f < filters.Count; f++)
            {
                progress($"filtered queries: {filters[f].Kind} at {filters[f].Selectivity:P1}");
                var (fRecall, fMs, _, _) = await QueryTimings.SequentialAsync(search, settings.Queries, filters[f].Filter, truth.Filtered[f], ct);
                var matches = services.GetRequiredService<ICatalogStore>().FindIndexedIds(filters[f].Filter, int.MaxValue).Count;
                filtered.Add(new FilteredResult(filters[f].Selectivity, filters[f].Kind, matches, Math.Round(fRecall, 4),
                    Math.Round(QueryTimings.Percentile(fMs, 50), 3), Math.Round(QueryTimings.Percentile(fMs, 99), 3)));
            }
            using var process = Process.GetCurrentProcess();
            var rss = process.WorkingSet64 / 1048576.0;
            var peak = process.PeakWorkingSet64 / 1048576.0;
            var store = services.GetRequiredService<VectorIndexStore>();
            var folder = services.GetRequiredService<DataFolder>();
            var ram = store.Tiers.Hnsw.MemoryBytes / (double)settings.N;
            var disk = new FileInfo(folder.VectorIndexPath).Length / (double)settings.N;
            var catalogBytes = new FileInfo(folder.CatalogPath).Length / (double)settings.N;
            await services.DisposeAsync();
            services = null;

            var (rebuildSeconds, rebuildCpu, rebuildKind) = Rebuild(model, ct);
            return new ScaleReport
            {
                N = settings.N, Generator = settings.Generator, Scalar = settings.Scalar.ToString().ToLowerInvariant(),
                Dim = settings.Dimension, IntrinsicDimension = settings.Generator == ScaleSettings.Spectral ? settings.IntrinsicDimension : settings.Dimension,
                Connectivity = settings.Connectivity, Ef = settings.ExpansionSearch, Queries = settings.Queries, Cores = Environment.ProcessorCount,
                BuildS = Math.Round(buildSeconds, 2), BuildCpuS = Math.Round(buildCpu, 2), ColdStartS = Math.Round(coldSeconds, 3),
                ColdStartCpuS = Math.Round(coldCpu, 3), TruthS = Math.Round(truthSeconds, 2),
                RssMb = Math.Round(rss, 1), PeakRssMb = Math.Round(peak, 1),
                BytesPerVectorDisk = Math.Round(disk, 1), BytesPerVectorRam = Math.Round(ram, 1), CatalogBytesPerImage = Math.Round(catalogBytes, 1),
                RecallAt10 = Math.Round(recall, 4), SearchP50Ms = Math.Round(QueryTimings.Percentile(ms, 50), 3),
                SearchP99Ms = Math.Round(QueryTimings.Percentile(ms, 99), 3), Qps1 = Math.Round(settings.Queries / seconds, 1),
                Qps1Cpu = Math.Round(settings.Queries / searchCpu, 1), QpsConcurrent = Math.Round(concurrent.Wall, 1),
                QpsConcurrentCpu = Math.Round(concurrent.Cpu, 1), Concurrency = settings.Concurrency, Filtered = filtered,
                RebuildS = Math.Round(rebuildSeconds, 2), RebuildCpuS = Math.Round(rebuildCpu, 2), RebuildKind = rebuildKind,
                LoadStart = loadStart, LoadEnd = ProcessCpu.LoadAverage(),
            };
        }
        finally
        {
            if (services is not null)
                await services.DisposeAsync();
        }
    }

    /// <summary>Writes every image as the crawler's writer stage does: a catalog batch, then its index changes; saves the index.</summary>
    private (double Seconds, double Cpu) Build(VectorSource source, PrecomputedModel model, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var cpu = ProcessCpu.Seconds();
        using var services = ScaleHost.Build(dataDir, settings, model);
        var catalog = services.GetRequiredService<ICatalogStore>();
        var index = services.GetRequiredService<IVectorIndexStore>();
        var sourceId = catalog.AddSource(new CatalogSource { Kind = SourceKind.Folder, Location = _root }).Id;
        index.EnsureModel(model.ModelId, model.Dimension);
        var dimension = settings.Dimension;
        for (var (chunk, written) = (0, 0); written < settings.N; chunk++)
        {
            ct.ThrowIfCancellationRequested();
            var count = Math.Min(settings.BatchSize, settings.N - written);
            var vectors = source.Chunk(chunk, count);
            var rows = new List<EmbeddedImage>(count);
            for (var i = 0; i < count; i++)
                rows.Add(SyntheticImages.Row(sourceId, _root, written + i, vectors.AsSpan(i * dimension, dimension).ToArray()));
            index.Apply(catalog.WriteBatch(new CatalogBatch { Indexed = rows }));
            written += count;
            if (chunk % 100 == 99)
                progress($"build: {written:N0} / {settings.N:N0} images, {watch.Elapsed.TotalSeconds:F0} s");
        }
        index.Checkpoint();
        return (watch.Elapsed.TotalSeconds, ProcessCpu.Seconds() - cpu);
    }

    private ExactNeighbours Truth(PrecomputedModel model, float[] queries, IReadOnlyList<ScaleFilter> filters, CancellationToken ct)
    {
        progress("exact neighbours of every query over the stored embeddings (ground truth)");
        // The catalog alone: opening the storage services would also load the index, which is not needed here.
        using var catalog = new SemanticSearch.Storage.Catalog.CatalogStore(new DataFolder(dataDir).CatalogPath);
        return ExactNeighbours.Compute(catalog, queries, model.Dimension, filters, ct);
    }

    /// <summary>Deletes the index file and opens the store: it rebuilds from the catalog's stored embeddings.</summary>
    private (double Seconds, double Cpu, string Kind) Rebuild(PrecomputedModel model, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        progress("rebuild: the index from the catalog's stored embeddings");
        File.Delete(new DataFolder(dataDir).VectorIndexPath);
        var cpu = ProcessCpu.Seconds();
        var watch = Stopwatch.StartNew();
        using var services = ScaleHost.Build(dataDir, settings, model);
        var store = services.GetRequiredService<VectorIndexStore>();
        return (watch.Elapsed.TotalSeconds, ProcessCpu.Seconds() - cpu, store.Recovery.Kind.ToString().ToLowerInvariant());
    }

    /// <summary>Returns the build's garbage to the system, so resident memory counts what serving needs.</summary>
    private static void Settle()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
