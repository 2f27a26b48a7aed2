using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Index;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// HNSW approximate nearest-neighbour search on the native USearch library, ranked by cosine similarity. Vectors and
/// queries are scaled to unit length on the way in, so float storage can use the inner-product kernel (one multiply-add
/// per component, where the cosine kernel also accumulates both norms on every comparison); i8 storage keeps the
/// cosine kernel because its rounded components no longer have unit length. Searches run in parallel
/// under a read lock, at most <see cref="VectorIndexOptions.ConcurrentSearches"/> at once: the C API takes a free
/// native search context from a fixed pool per call and fails when none is left, so every handle reserves that many
/// contexts and callers wait for a free one. Adds, removals, growth and resets take the write lock, because growing
/// the native graph reallocates it under any running search.
/// </summary>
public sealed unsafe class UsearchVectorIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly VectorIndexOptions _options;
    // One permit per native search context reserved on the handle (see SizeThreadContexts).
    private readonly SemaphoreSlim _searchContexts;
    private nint _handle;
    private int _dimension;
    private int _metric;
    private int _expansionSearch;
    private bool _disposed;

    /// <summary>Creates an empty index for vectors of <paramref name="dimension"/> floats (0: adopt one later via Reset).</summary>
    public UsearchVectorIndex(int dimension, VectorIndexOptions? options = null)
        : this(dimension, options ?? new VectorIndexOptions(), scalar: null, metric: null)
    {
    }

    /// <summary>Creates the handle with a stored file's own scalar and metric (null: those of the options).</summary>
    private UsearchVectorIndex(int dimension, VectorIndexOptions options, VectorScalar? scalar, int? metric)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _options = options;
        Scalar = scalar ?? options.Scalar;
        _metric = metric ?? MetricFor(Scalar);
        _expansionSearch = _options.ExpansionSearch ?? VectorIndexOptions.UncalibratedExpansionSearch;
        _searchContexts = new SemaphoreSlim(_options.ConcurrentSearches);
        _dimension = dimension;
        _handle = dimension == 0 ? 0 : Create(dimension);
    }

    /// <summary>
    /// Loads an index file. With <paramref name="view"/> the file is memory-mapped instead of read: instant and shared
    /// with the page cache, but read-only (adds and removals throw).
    /// </summary>
    /// <exception cref="UsearchException">The file is not a USearch index or cannot be read.</exception>
    public static UsearchVectorIndex Load(string path, VectorIndexOptions? options = null, bool view = false)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException("No vector index file.", full);
        UsearchNative.InitOptions metadata = default;
        nint error = 0;
        UsearchNative.Metadata(full, &metadata, &error);
        UsearchNative.Check(error, "reading the metadata of " + full);
        if (metadata.Dimensions == 0 || metadata.Dimensions > 65536)
            throw new UsearchException($"{full} declares {metadata.Dimensions} dimensions.");
        // An index saved with other settings (an older cosine f32 file, another Scalar) keeps what it was saved with.
        var index = new UsearchVectorIndex((int)metadata.Dimensions, options ?? new VectorIndexOptions(),
            ScalarOf(metadata.Quantization), metadata.MetricKind);
        try
        {
            if (view)
                UsearchNative.View(index._handle, full, &error);
            else
                UsearchNative.Load(index._handle, full, &error);
            UsearchNative.Check(error, (view ? "viewing " : "loading ") + full);
            index.IsReadOnly = view;
            index.UseFastKernel(index._handle, index._dimension);
            index.ApplyExpansionSearch();
            // A loaded graph has no room to grow; reserving also sizes the per-thread search contexts. A view must not
            // be reserved: that would copy it out of the mapping.
            if (!view)
                index.ReserveLocked(Math.Max(64, index.Call(&UsearchNative.Size, "size") + 64));
            index.SizeThreadContexts(index._handle);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Dimension => _dimension;

    /// <summary>How the vectors are stored (a loaded file's own precision, whatever the options say).</summary>
    public VectorScalar Scalar { get; }

    /// <summary>True for a memory-mapped view: searches only.</summary>
    public bool IsReadOnly { get; private set; }

    /// <inheritdoc />
    public long Count => Locked(read: true, () => _handle == 0 ? 0L : (long)Call(&UsearchNative.Size, "size"));

    /// <summary>Candidate list size used by searches (HNSW "ef"); changing it needs no rebuild.</summary>
    public int ExpansionSearch
    {
        get => _expansionSearch;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Locked(read: false, () =>
            {
                _expansionSearch = value;
                ApplyExpansionSearch();
                return 0;
            });
        }
    }

    /// <summary>Bytes the native index occupies (graph and vectors).</summary>
    public long MemoryBytes => Locked(read: true, () => _handle == 0 ? 0L : (long)Call(&UsearchNative.MemoryUsage, "memory usage"));

    /// <summary>The SIMD kernels the native library picked for this index, e.g. "skylake".</summary>
    public string HardwareAcceleration => Locked(read: true, () =>
    {
        if (_handle == 0)
            return "none";
        nint error = 0;
        var text = UsearchNative.HardwareAcceleration(_handle, &error);
        UsearchNative.Check(error, "hardware acceleration");
        return Marshal.PtrToStringUTF8(text) ?? "unknown";
    });

    /// <inheritdoc />
    public bool Contains(long key) => Locked(read: true, () =>
    {
        if (_handle == 0)
            return false;
        nint error = 0;
        var found = UsearchNative.Contains(_handle, (ulong)key, &error);
        UsearchNative.Check(error, "contains");
        return found;
    });

    /// <summary>Makes room for <paramref name="capacity"/> vectors in total, so bulk adds do not regrow the graph.</summary>
    public void Reserve(long capacity)
    {
        _lock.EnterWriteLock();
        try
        {
            CheckWritable();
            ReserveLocked((nuint)capacity);
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public void Add(long key, ReadOnlySpan<float> vector)
    {
        _lock.EnterWriteLock();
        try
        {
            CheckWritable();
            CheckLength(vector.Length, nameof(vector));
            var unit = ArrayPool<float>.Shared.Rent(_dimension);
            try
            {
                AddLocked(key, Encode(vector, unit), replace: true);
            }
            finally { ArrayPool<float>.Shared.Return(unit); }
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>
    /// Adds many new keys on several threads (USearch inserts concurrently into a graph reserved ahead).
    /// <paramref name="vectors"/> holds the vectors back to back, in key order. Keys must not be in the index yet.
    /// </summary>
    public void AddRange(IReadOnlyList<long> keys, ReadOnlyMemory<float> vectors, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _lock.EnterWriteLock();
        try
        {
            CheckWritable();
            if (vectors.Length != (long)keys.Count * _dimension)
                throw new ArgumentException($"Expected {keys.Count} × {_dimension} floats, got {vectors.Length}.", nameof(vectors));
            ReserveLocked(Call(&UsearchNative.Size, "size") + (nuint)keys.Count);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
            var handle = _handle;
            var dimension = _dimension;
            Parallel.For(0, keys.Count, parallel, () => new float[dimension], (i, _, unit) =>
            {
                nint error = 0;
                fixed (byte* p = Encode(vectors.Span.Slice(i * dimension, dimension), unit))
                    UsearchNative.Add(handle, (ulong)keys[i], p, InputKind, &error);
                UsearchNative.Check(error, "add");
                return unit;
            }, _ => { });
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public bool Remove(long key)
    {
        _lock.EnterWriteLock();
        try
        {
            CheckWritable();
            if (_handle == 0)
                return false;
            nint error = 0;
            var removed = UsearchNative.Remove(_handle, (ulong)key, &error);
            UsearchNative.Check(error, "remove");
            return removed > 0;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _lock.EnterReadLock();
        try
        {
            CheckLength(query.Length, nameof(query));
            if (_handle == 0 || count == 0)
                return [];
            var keys = ArrayPool<ulong>.Shared.Rent(count);
            var distances = ArrayPool<float>.Shared.Rent(count);
            var unit = ArrayPool<float>.Shared.Rent(_dimension);
            _searchContexts.Wait();
            try
            {
                nint error = 0;
                nuint found;
                fixed (byte* q = Encode(query, unit))
                fixed (ulong* k = keys)
                fixed (float* d = distances)
                    found = UsearchNative.Search(_handle, q, InputKind, (nuint)count, k, d, &error);
                UsearchNative.Check(error, "search");
                return ToMatches(keys, distances, (int)found);
            }
            finally
            {
                _searchContexts.Release();
                ArrayPool<ulong>.Shared.Return(keys);
                ArrayPool<float>.Shared.Return(distances);
                ArrayPool<float>.Shared.Return(unit);
            }
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The <paramref name="count"/> nearest vectors among the keys <paramref name="filter"/> accepts, found in one walk
    /// of the graph (the filter is asked per candidate), so fewer than <paramref name="count"/> come back only when
    /// fewer match.
    /// </summary>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count, IVectorKeyFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(filter);
        _lock.EnterReadLock();
        try
        {
            CheckLength(query.Length, nameof(query));
            if (_handle == 0 || count == 0)
                return [];
            var keys = ArrayPool<ulong>.Shared.Rent(count);
            var distances = ArrayPool<float>.Shared.Rent(count);
            var unit = ArrayPool<float>.Shared.Rent(_dimension);
            using var native = new NativeKeyFilter(filter);
            _searchContexts.Wait();
            try
            {
                nint error = 0;
                nuint found;
                fixed (byte* q = Encode(query, unit))
                fixed (ulong* k = keys)
                fixed (float* d = distances)
                    found = UsearchNative.FilteredSearch(_handle, q, InputKind, (nuint)count,
                        NativeKeyFilter.Callback, native.State, k, d, &error);
                UsearchNative.Check(error, "filtered search");
                native.ThrowIfFailed();
                return ToMatches(keys, distances, (int)found);
            }
            finally
            {
                _searchContexts.Release();
                ArrayPool<ulong>.Shared.Return(keys);
                ArrayPool<float>.Shared.Return(distances);
                ArrayPool<float>.Shared.Return(unit);
            }
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>The scalar kind handed to USearch: i8 indexes get vectors quantised here (see <see cref="Encode"/>).</summary>
    private int InputKind => Scalar == VectorScalar.I8 ? UsearchNative.ScalarI8 : UsearchNative.ScalarF32;

    /// <summary>
    /// <paramref name="vector"/> as USearch gets it, written into <paramref name="buffer"/>. Float storage: scaled to
    /// unit length, where the inner product equals the cosine. I8: quantised here, scaled so that its largest
    /// component becomes ±127, because USearch's own cast normalises and rounds x × 127, which leaves a unit 512-d
    /// CLIP vector (components of about ±0.05) a handful of levels per component (recall@10 stalled at 0.86 in bench
    /// ann); the cosine kernel does not mind the scale. A zero vector stays zero.
    /// </summary>
    private ReadOnlySpan<byte> Encode(ReadOnlySpan<float> vector, float[] buffer)
    {
        var unit = buffer.AsSpan(0, vector.Length);
        vector.CopyTo(unit);
        if (Scalar != VectorScalar.I8)
        {
            VectorMath.NormalizeInPlace(unit);
            return MemoryMarshal.AsBytes(unit);
        }
        var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(unit));
        var scale = largest > 0f ? 127f / largest : 0f;
        var quantised = MemoryMarshal.AsBytes(buffer.AsSpan()); // i8 values overwrite the floats they come from, in order
        for (var i = 0; i < unit.Length; i++)
            quantised[i] = (byte)(sbyte)Math.Clamp(MathF.Round(unit[i] * scale), -127f, 127f);
        return quantised[..unit.Length];
    }

    private static VectorMatch[] ToMatches(ulong[] keys, float[] distances, int found)
    {
        var matches = new VectorMatch[found];
        for (var i = 0; i < matches.Length; i++)
            matches[i] = new VectorMatch((long)keys[i], 1f - distances[i]); // cosine distance = 1 - similarity
        return matches;
    }

    /// <summary>The stored vector of a key, at unit length (decoded to f32 when stored as f16 or i8), or null.</summary>
    public float[]? Get(long key) => Locked(read: true, () =>
    {
        if (_handle == 0)
            return null;
        var vector = new float[_dimension];
        nint error = 0;
        nuint found;
        fixed (float* p = vector)
            found = UsearchNative.Get(_handle, (ulong)key, 1, p, UsearchNative.ScalarF32, &error);
        UsearchNative.Check(error, "get");
        if (found == 0)
            return null;
        VectorMath.NormalizeInPlace(vector); // i8 vectors are stored scaled to their largest component
        return vector;
    });

    /// <inheritdoc />
    public void Reset(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FreeHandle();
            _dimension = dimension;
            _handle = dimension == 0 ? 0 : Create(dimension);
            IsReadOnly = false;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public void Save(string path)
    {
        _lock.EnterReadLock();
        try
        {
            if (_handle == 0)
                throw new InvalidOperationException("An index without a dimension has nothing to save.");
            AtomicFile.Replace(path, temp =>
            {
                nint error = 0;
                UsearchNative.Save(_handle, temp, &error);
                UsearchNative.Check(error, "saving " + temp);
            });
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            FreeHandle();
        }
        finally { _lock.ExitWriteLock(); }
        _searchContexts.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native index if Dispose was never called.</summary>
    ~UsearchVectorIndex() => FreeHandle();

    private nint Create(int dimension)
    {
        var options = new UsearchNative.InitOptions
        {
            MetricKind = _metric,
            Quantization = Scalar switch
            {
                VectorScalar.F16 => UsearchNative.ScalarF16,
                VectorScalar.I8 => UsearchNative.ScalarI8,
                _ => UsearchNative.ScalarF32,
            },
            Dimensions = (nuint)dimension,
            Connectivity = (nuint)_options.Connectivity,
            ExpansionAdd = (nuint)_options.ExpansionAdd,
            ExpansionSearch = (nuint)_expansionSearch,
        };
        nint error = 0;
        var handle = UsearchNative.Init(&options, &error);
        UsearchNative.Check(error, "init");
        if (handle == 0)
            throw new UsearchException("USearch init returned no index.");
        UseFastKernel(handle, dimension);
        // Reserving also sizes the per-thread contexts that concurrent searches need.
        UsearchNative.Reserve(handle, 64, &error);
        UsearchNative.Check(error, "reserve");
        SizeThreadContexts(handle);
        return handle;
    }

    /// <summary>
    /// Inner product for float storage (vectors arrive at unit length); cosine for i8, whose rounded components are no
    /// longer of unit length and whose inner product would not be a similarity.
    /// </summary>
    private static int MetricFor(VectorScalar scalar) =>
        scalar == VectorScalar.I8 ? UsearchNative.MetricCos : UsearchNative.MetricIp;

    private static VectorScalar ScalarOf(int quantization) => quantization switch
    {
        UsearchNative.ScalarF16 => VectorScalar.F16,
        UsearchNative.ScalarI8 => VectorScalar.I8,
        UsearchNative.ScalarF32 => VectorScalar.F32,
        _ => throw new UsearchException($"The index file stores vectors of an unsupported scalar kind {quantization}."),
    };

    /// <summary>
    /// Points the handle at <see cref="InnerProductKernel"/> for inner product on f32 or f16 storage; anything else
    /// keeps USearch's own kernel.
    /// </summary>
    private void UseFastKernel(nint handle, int dimension)
    {
        if (_metric != UsearchNative.MetricIp || Scalar == VectorScalar.I8 || !Vector256.IsHardwareAccelerated)
            return;
        nint error = 0;
        if (Scalar == VectorScalar.F16)
            UsearchNative.ChangeMetric(handle, &InnerProductKernel.F16, dimension, UsearchNative.MetricIp, &error);
        else
            UsearchNative.ChangeMetric(handle, &InnerProductKernel.F32, dimension, UsearchNative.MetricIp, &error);
        UsearchNative.Check(error, "setting the distance kernel");
    }

    private void AddLocked(long key, ReadOnlySpan<byte> vector, bool replace)
    {
        nint error = 0;
        if (replace && UsearchNative.Contains(_handle, (ulong)key, &error))
        {
            UsearchNative.Remove(_handle, (ulong)key, &error);
            UsearchNative.Check(error, "remove");
        }
        UsearchNative.Check(error, "contains");
        var size = Call(&UsearchNative.Size, "size");
        var capacity = Call(&UsearchNative.Capacity, "capacity");
        if (size + 1 > capacity)
            ReserveLocked(Math.Max(64, capacity * 2));
        fixed (byte* p = vector)
            UsearchNative.Add(_handle, (ulong)key, p, InputKind, &error);
        if (error != 0)
        {
            // Removed slots may not be reusable; grow once and retry before giving up.
            error = 0;
            ReserveLocked(Math.Max(64, Call(&UsearchNative.Capacity, "capacity") * 2));
            fixed (byte* p = vector)
                UsearchNative.Add(_handle, (ulong)key, p, InputKind, &error);
            UsearchNative.Check(error, "add");
        }
    }

    private void ReserveLocked(nuint capacity)
    {
        if (_handle == 0)
            throw new InvalidOperationException("Adopt a dimension (Reset) before adding vectors.");
        if (capacity <= Call(&UsearchNative.Capacity, "capacity"))
            return;
        nint error = 0;
        UsearchNative.Reserve(_handle, capacity, &error);
        UsearchNative.Check(error, "reserve");
        SizeThreadContexts(_handle);
    }

    /// <summary>
    /// Sizes the handle's pool of native search contexts to the number of searches allowed at once. The C API picks a
    /// free context per call and fails ("Reserve capacity ahead of searches!") when the pool is empty; a loaded file
    /// and every reserve bring their own thread count, so this runs after each of them.
    /// </summary>
    private void SizeThreadContexts(nint handle)
    {
        nint error = 0;
        UsearchNative.ChangeThreadsSearch(handle, (nuint)_options.ConcurrentSearches, &error);
        UsearchNative.Check(error, "setting search threads");
        UsearchNative.ChangeThreadsAdd(handle, (nuint)Environment.ProcessorCount, &error);
        UsearchNative.Check(error, "setting add threads");
    }

    private void ApplyExpansionSearch()
    {
        if (_handle == 0)
            return;
        nint error = 0;
        UsearchNative.ChangeExpansionSearch(_handle, (nuint)_expansionSearch, &error);
        UsearchNative.Check(error, "change expansion search");
        UsearchNative.ChangeExpansionAdd(_handle, (nuint)_options.ExpansionAdd, &error);
        UsearchNative.Check(error, "change expansion add");
    }

    private nuint Call(delegate*<nint, nint*, nuint> function, string operation)
    {
        nint error = 0;
        var value = function(_handle, &error);
        UsearchNative.Check(error, operation);
        return value;
    }

    private void CheckWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsReadOnly)
            throw new InvalidOperationException("This index is a read-only memory-mapped view.");
    }

    private void CheckLength(int length, string parameter)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (length != _dimension || _dimension == 0)
            throw new ArgumentException($"Expected a vector of {_dimension} floats, got {length}.", parameter);
    }

    private T Locked<T>(bool read, Func<T> action)
    {
        if (read) _lock.EnterReadLock(); else _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return action();
        }
        finally
        {
            if (read) _lock.ExitReadLock(); else _lock.ExitWriteLock();
        }
    }

    private void FreeHandle()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0)
            return;
        nint error = 0;
        UsearchNative.Free(handle, &error);
    }
}
