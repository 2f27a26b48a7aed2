using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// Turns a catalog that cannot be opened into one message naming the file, what is wrong and what to do. SQLite
/// opens a truncated file without complaint and fails on the first missing page, so the header is checked first.
/// </summary>
internal static class CatalogFileProblems
{
    private const int HeaderLength = 100;
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>What is wrong with the file at <paramref name="path"/> before SQLite opens it; null when nothing is seen.</summary>
    public static string? Inspect(string path)
    {
        if (Directory.Exists(path))
            return "it is a folder where the catalog file belongs";
        if (!File.Exists(path))
            return null;
        var length = new FileInfo(path).Length;
        if (length == 0)
            return null; // SQLite treats an empty file as a new database.
        if (length < HeaderLength)
            return $"the file has only {length} bytes, less than an SQLite header";
        Span<byte> header = stackalloc byte[HeaderLength];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            stream.ReadExactly(header);
        if (!header[..Magic.Length].SequenceEqual(Magic))
            return "the file is not an SQLite database (its header is not SQLite's)";
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]) is var size && size == 1 ? 65536 : size;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        // The page count is only valid when the change counter matches "version-valid-for" (SQLite file format §1.3.7).
        var valid = BinaryPrimitives.ReadUInt32BigEndian(header[24..]) == BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        var expected = (long)pages * pageSize;
        return valid && pageSize >= 512 && expected > length ? $"the file was cut short: {length} bytes of the {expected} its header counts" : null;
    }

    /// <summary>The exception to throw for a catalog that SQLite refused; null when the error is not about the file.</summary>
    public static DataFolderException? Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        11 or 26 => Damaged(path, e.Message, e), // SQLITE_CORRUPT, SQLITE_NOTADB
        8 or 14 => Directory.Exists(path) ? Damaged(path, "it is a folder where the catalog file belongs", e) : NotWritable(path, e),
        13 => new DataFolderException($"The catalog {path} cannot be written: the disk is full. Free some space and start again.", e),
        _ => null,
    };

    /// <summary>The message for a damaged catalog: how to see the damage and how to rebuild.</summary>
    public static DataFolderException Damaged(string path, string reason, Exception? inner = null)
    {
        var folder = Path.GetDirectoryName(path);
        var file = Path.GetFileName(path);
        return new DataFolderException(
            $"The catalog {path} is damaged: {reason}. `semsearch catalog check --data-dir {folder}` reports what is wrong. "
            + $"To rebuild it from the configured sources, stop every process using {folder} and move {file} (with any {file}-wal and "
            + $"{file}-shm) aside; the vector index and thumbnails are always rebuilt. Sources added with `semsearch sources add` must be added again.",
            inner);
    }

    private static DataFolderException NotWritable(string path, SqliteException e) => new(
        $"The catalog {path} cannot be opened for writing ({e.Message}). Give this user write access to {Path.GetDirectoryName(path)}, "
        + "or choose another data folder with --data-dir.", e);
}
