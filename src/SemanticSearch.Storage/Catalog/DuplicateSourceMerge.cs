using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// The data step of schema version 3. Catalogs written before <see cref="SourceLocation"/> may hold one place under
/// several sources ("/photos" and "/photos/", a link and its target, "HTTP://Host" and "http://host/"), each with its
/// own copy of every image. Each group of such sources becomes its oldest source at the normalised location; the
/// others' images join it (folder images re-pointed under the new root, as a scan of it would name them). Where two
/// rows are the same image, the better one stays (indexed, then failed, then pending; then the newer) and the other
/// becomes a tombstone with a new change sequence, so the vector index drops its copy and nothing is embedded twice.
/// </summary>
internal static class DuplicateSourceMerge
{
    private const int Deleted = (int)ImageStatus.Deleted;

    public static void Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        long? sequence = null;
        var groups = SourceTable.GetAll(connection, transaction)
            .GroupBy(s => (s.Kind, Location: NormaliseOrKeep(s)));
        foreach (var group in groups)
        {
            var members = group.OrderBy(s => s.Id).ToList();
            var keeper = members[0];
            if (members.Count == 1 && keeper.Location == group.Key.Location)
                continue;
            var seq = sequence ??= CatalogStateTable.NextSequence(connection, transaction);
            foreach (var other in members.Skip(1))
                SourceTable.Delete(connection, transaction, other.Id);
            SourceTable.Relocate(connection, transaction, keeper.Id, group.Key.Location, members.Any(s => s.Enabled));
            foreach (var member in members)
                MoveImages(connection, transaction, member, keeper.Id, group.Key.Location, seq);
        }
    }

    /// <summary>A location no path API accepts stays as it is: the migration must never stop the catalog from opening.</summary>
    private static string NormaliseOrKeep(CatalogSource source)
    {
        try
        {
            return SourceLocation.Normalise(source.Kind, source.Location);
        }
        catch (ArgumentException)
        {
            return source.Location;
        }
    }

    private static void MoveImages(SqliteConnection connection, SqliteTransaction transaction, CatalogSource from, long toSource, string toLocation, long sequence)
    {
        foreach (var (id, location) in LiveImages(connection, transaction, from.Id))
        {
            var target = from.Kind == SourceKind.Folder ? Reroot(location, from.Location, toLocation) : location;
            if (from.Id == toSource && target == location)
                continue;
            if (Occupant(connection, transaction, toSource, target, id) is { } occupant)
            {
                if (Better(connection, transaction, occupant, id))
                {
                    Tombstone(connection, transaction, id, sequence);
                    continue;
                }
                Tombstone(connection, transaction, occupant, sequence);
            }
            using var move = connection.Command("UPDATE images SET source_id = @source, location = @location WHERE id = @id", transaction)
                .With("@id", id).With("@source", toSource).With("@location", target);
            move.ExecuteNonQuery();
        }
    }

    /// <summary>A folder image's path under the new root; unchanged when it was not under the old one.</summary>
    private static string Reroot(string image, string oldRoot, string newRoot)
    {
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(oldRoot));
        prefix = prefix.EndsWith(Path.DirectorySeparatorChar) ? prefix : prefix + Path.DirectorySeparatorChar;
        if (!image.StartsWith(prefix, StringComparison.Ordinal))
            return image;
        return Path.Join(newRoot, image[prefix.Length..]);
    }

    private static List<(long Id, string Location)> LiveImages(SqliteConnection connection, SqliteTransaction transaction, long source)
    {
        using var command = connection.Command($"SELECT id, location FROM images WHERE source_id = @source AND status <> {Deleted} ORDER BY id", transaction)
            .With("@source", source);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    private static long? Occupant(SqliteConnection connection, SqliteTransaction transaction, long source, string location, long self)
    {
        using var command = connection.Command("SELECT id FROM images WHERE source_id = @source AND location = @location AND id <> @self", transaction)
            .With("@source", source).With("@location", location).With("@self", self);
        return command.ExecuteScalar() is long id ? id : null;
    }

    /// <summary>True when row <paramref name="a"/> is worth more than row <paramref name="b"/>.</summary>
    private static bool Better(SqliteConnection connection, SqliteTransaction transaction, long a, long b)
    {
        // Rank: indexed 3, failed 2, pending 1, deleted 0; then the later update, then the older row.
        using var command = connection.Command($"""
            SELECT id FROM images WHERE id IN (@a, @b)
            ORDER BY CASE status WHEN {(int)ImageStatus.Indexed} THEN 3 WHEN {(int)ImageStatus.Failed} THEN 2
                                 WHEN {(int)ImageStatus.Pending} THEN 1 ELSE 0 END DESC, updated DESC, id
            LIMIT 1
            """, transaction).With("@a", a).With("@b", b);
        return (long)command.ExecuteScalar()! == a;
    }

    /// <summary>Like an eviction in <see cref="ImageWriter.Move"/>: a tombstone whose location no real path can have.</summary>
    private static void Tombstone(SqliteConnection connection, SqliteTransaction transaction, long id, long sequence)
    {
        using var command = connection.Command($"""
            UPDATE images SET status = {Deleted}, model_id = NULL, embedding = NULL, change_seq = @seq,
                              location = location || char(0) || id
            WHERE id = @id
            """, transaction).With("@id", id).With("@seq", sequence);
        command.ExecuteNonQuery();
    }
}
