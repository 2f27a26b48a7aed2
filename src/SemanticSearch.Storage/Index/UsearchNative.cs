using System.Runtime.InteropServices;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// P/Invoke into the C API of the USearch native library shipped by the Cloud.Unum.USearch package
/// (runtimes/*/native/libusearch_c). Called directly rather than through the package's managed wrapper because the
/// wrapper offers no way to change the search expansion after construction or loading, no memory usage, and
/// allocates an array per call. Every function reports failure through its last argument (a C string, not freed).
/// </summary>
internal static unsafe partial class UsearchNative
{
    private const string Library = "libusearch_c";

    public const int MetricCos = 1;
    public const int MetricIp = 2;
    public const int ScalarF32 = 1;
    public const int ScalarF16 = 3;
    public const int ScalarI8 = 4;

    /// <summary>usearch_init_options_t of the 2.x C API.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public int MetricKind;
        public nint Metric;
        public int Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(InitOptions* options, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_save", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Save(nint index, string path, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_load", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Load(nint index, string path, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_view", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void View(nint index, string path, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_metadata", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Metadata(string path, InitOptions* options, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_capacity")]
    public static partial nuint Capacity(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_dimensions")]
    public static partial nuint Dimensions(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_expansion_search")]
    public static partial nuint ExpansionSearch(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_hardware_acceleration")]
    public static partial nint HardwareAcceleration(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_add")]
    public static partial void ChangeExpansionAdd(nint index, nuint expansion, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(nint index, nuint expansion, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(nint index, nuint threads, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(nint index, nuint threads, nint* error);

    /// <summary>
    /// Replaces the distance function with <paramref name="metric"/>(a, b, state) (state non-zero), returning a float;
    /// <paramref name="kind"/> is what a saved file records. Lasts until the handle is freed, loaded or viewed again.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "usearch_change_metric")]
    public static partial void ChangeMetric(nint index, delegate* unmanaged[Cdecl]<nint, nint, nint, float> metric, nint state, int kind, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(nint index, nuint capacity, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(nint index, ulong key, void* vector, int scalarKind, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_contains")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool Contains(nint index, ulong key, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(nint index, ulong key, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(nint index, void* query, int scalarKind, nuint count, ulong* keys, float* distances, nint* error);

    /// <summary>
    /// Search that asks <paramref name="filter"/> (key, state) per candidate during the graph walk: non-zero keeps it.
    /// The callback runs on the calling thread inside native code, so it must not throw.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    public static partial nuint FilteredSearch(nint index, void* query, int scalarKind, nuint count,
        delegate* unmanaged[Cdecl]<ulong, nint, int> filter, nint filterState, ulong* keys, float* distances, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_get")]
    public static partial nuint Get(nint index, ulong key, nuint count, void* vector, int scalarKind, nint* error);

    /// <summary>Throws when a call reported an error.</summary>
    public static void Check(nint error, string operation)
    {
        if (error != 0)
            throw new UsearchException($"USearch {operation} failed: {Marshal.PtrToStringUTF8(error)}");
    }
}
