using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace SemanticSearch.Core.Index;

/// <summary>
/// Brute-force cosine search: one SIMD dot product per stored vector. Exact, so it is the recall reference,
/// the right choice for small collections, and the fallback when the native index is unavailable.
/// Vectors are expected normalised (then dot product = cosine). Thread-safe: concurrent searches, one writer.
/// </summary>
public sealed class ExactVectorIndex : IVectorIndex
{
    private const uint FileMagic = 0x31584553; // "SEX1" little-endian: SemanticSearch EXact v1

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _slots = [];
    private readonly Stack<int> _freeSlots = new();
    private float[] _vectors = [];
    private long[] _keys = [];
    private int _dimension;
    private int _used; // slots handed out so far (live + free)

    /// <summary>Creates an empty index for vectors of <paramref name="dimension"/> floats (0: adopt later via Reset).</summary>
    public ExactVectorIndex(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _dimension = dimension;
    }

    /// <inheritdoc />
    public int Dimension
    {
        get { _lock.EnterReadLock(); try { return _dimension; } finally { _lock.ExitReadLock(); } }
    }

    /// <inheritdoc />
    public long Count
    {
        get { _lock.EnterReadLock(); try { return _slots.Count; } finally { _lock.ExitReadLock(); } }
    }

    /// <inheritdoc />
    public bool Contains(long key)
    {
        _lock.EnterReadLock();
        try { return _slots.ContainsKey(key); }
        finally { _lock.ExitReadLock(); }
    }

    /// <inheritdoc />
    public void Add(long key, ReadOnlySpan<float> vector)
    {
        _lock.EnterWriteLock();
        try
        {
            if (vector.Length != _dimension || _dimension == 0)
                throw new ArgumentException($"Expected a vector of {_dimension} floats, got {vector.Length}.", nameof(vector));
            if (!_slots.TryGetValue(key, out var slot))
            {
                slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : NewSlot();
                _slots[key] = slot;
                _keys[slot] = key;
            }
            vector.CopyTo(_vectors.AsSpan(slot * _dimension, _dimension));
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public bool Remove(long key)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slots.Remove(key, out var slot))
                return false;
            _freeSlots.Push(slot);
            return true;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count)
    {
        _lock.EnterReadLock();
        try
        {
            CheckQuery(query);
            var top = new TopK(count);
            foreach (var (key, slot) in _slots)
                top.Offer(key, TensorPrimitives.Dot(query, VectorAt(slot)));
            return top.ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Exact search restricted to <paramref name="keys"/> (filtered search); keys without a vector are ignored.</summary>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count, IEnumerable<long> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _lock.EnterReadLock();
        try
        {
            CheckQuery(query);
            var top = new TopK(count);
            foreach (var key in keys)
            {
                if (_slots.TryGetValue(key, out var slot))
                    top.Offer(key, TensorPrimitives.Dot(query, VectorAt(slot)));
            }
            return top.ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Exact search among the keys <paramref name="filter"/> accepts.</summary>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count, IVectorKeyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _lock.EnterReadLock();
        try
        {
            CheckQuery(query);
            var top = new TopK(count);
            foreach (var (key, slot) in _slots)
            {
                if (filter.Accepts(key))
                    top.Offer(key, TensorPrimitives.Dot(query, VectorAt(slot)));
            }
            return top.ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Ranks arbitrary (key, vector) pairs against a query: exact top-k without building an index.</summary>
    public static IReadOnlyList<VectorMatch> Rank(ReadOnlySpan<float> query, IEnumerable<KeyValuePair<long, float[]>> vectors, int count)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var top = new TopK(count);
        foreach (var (key, vector) in vectors)
        {
            if (vector.Length == query.Length)
                top.Offer(key, TensorPrimitives.Dot(query, vector));
        }
        return top.ToList();
    }

    /// <summary>
    /// Exact top-k over vectors stored back to back in <paramref name="vectors"/>; keys are row numbers. The brute-force
    /// baseline of benchmarks and the ground truth of recall measurements, without copying the data into an index.
    /// </summary>
    public static IReadOnlyList<VectorMatch> Rank(ReadOnlySpan<float> query, ReadOnlySpan<float> vectors, int dimension, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (query.Length != dimension || vectors.Length % dimension != 0)
            throw new ArgumentException($"Expected a query of {dimension} floats and whole vectors of that size.");
        var top = new TopK(count);
        var rows = vectors.Length / dimension;
        for (var row = 0; row < rows; row++)
            top.Offer(row, TensorPrimitives.Dot(query, vectors.Slice(row * dimension, dimension)));
        return top.ToList();
    }

    /// <inheritdoc />
    public void Reset(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _lock.EnterWriteLock();
        try
        {
            _dimension = dimension;
            _slots.Clear();
            _freeSlots.Clear();
            _vectors = [];
            _keys = [];
            _used = 0;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public void Save(string path)
    {
        _lock.EnterReadLock();
        try
        {
            AtomicFile.Replace(path, temp =>
            {
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
                using var writer = new BinaryWriter(stream);
                writer.Write(FileMagic);
                writer.Write(_dimension);
                writer.Write((long)_slots.Count);
                foreach (var (key, slot) in _slots)
                {
                    writer.Write(key);
                    writer.Write(MemoryMarshal.AsBytes(VectorAt(slot)));
                }
            });
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Reads a file written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an exact index or is truncated.</exception>
    public static ExactVectorIndex Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadUInt32() != FileMagic)
                throw new InvalidDataException($"{path} is not an exact vector index file.");
            var dimension = reader.ReadInt32();
            var count = reader.ReadInt64();
            if (dimension <= 0 || count < 0 || count * (8 + 4L * dimension) != stream.Length - stream.Position)
                throw new InvalidDataException($"{path} has an inconsistent header.");
            var index = new ExactVectorIndex(dimension);
            var buffer = new float[dimension];
            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadInt64();
                reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                    for (var j = 0; j < buffer.Length; j++)
                        buffer[j] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(buffer[j])));
                index.Add(key, buffer);
            }
            return index;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} is truncated.", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private void CheckQuery(ReadOnlySpan<float> query)
    {
        if (query.Length != _dimension)
            throw new ArgumentException($"Expected a query of {_dimension} floats, got {query.Length}.", nameof(query));
    }

    private ReadOnlySpan<float> VectorAt(int slot) => _vectors.AsSpan(slot * _dimension, _dimension);

    private int NewSlot()
    {
        if (_used == _keys.Length)
        {
            var capacity = Math.Max(64, _keys.Length * 2);
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _vectors, checked(capacity * _dimension));
        }
        return _used++;
    }
}
