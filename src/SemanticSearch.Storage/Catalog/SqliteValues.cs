using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SemanticSearch.Storage.Catalog;

/// <summary>How catalog values are stored: times as UTC ticks, embeddings as float32 LE BLOBs, glob lists as JSON.</summary>
internal static class SqliteValues
{
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    public static object ToDb(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;

    public static object ToDb(string? value) => (object?)value ?? DBNull.Value;

    public static byte[] EncodeEmbedding(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < vector.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }
        return bytes;
    }

    public static float[] DecodeEmbedding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
            throw new InvalidDataException($"An embedding BLOB of {bytes.Length} bytes is not a whole number of float32 values.");
        var vector = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(vector.AsSpan()));
        }
        else
        {
            for (var i = 0; i < vector.Length; i++)
                vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }
        return vector;
    }

    public static float[]? ReadEmbedding(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DecodeEmbedding((byte[])reader.GetValue(ordinal));

    public static string EncodeGlobs(IReadOnlyList<string> globs) => JsonSerializer.Serialize(globs);

    public static IReadOnlyList<string> DecodeGlobs(string json) =>
        JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>A JSON array of ids, for <c>IN (SELECT value FROM json_each(@ids))</c>: one parameter for any count.</summary>
    public static string EncodeIds(IEnumerable<long> ids) => JsonSerializer.Serialize(ids);

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetInt64OrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
