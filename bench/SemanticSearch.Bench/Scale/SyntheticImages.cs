using SemanticSearch.Core.Catalog;

namespace SemanticSearch.Bench.Scale;

/// <summary>
/// Catalog rows for synthetic images: 50 folders, dates over 20 years, three formats, sizes of real photos. Folders
/// 00, 01 and 02 hold 10 %, 1 % and 0.1 % of the images, so filters of those selectivities exist; the other 47
/// share the rest. Every field is a hash of the image's number, so a run is reproducible.
/// </summary>
internal static class SyntheticImages
{
    public const int Folders = 50;
    public static readonly DateTimeOffset FirstDate = new(2006, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Span = TimeSpan.FromDays(365.25 * 20);

    /// <summary>The folder path (under <paramref name="root"/>) of folder <paramref name="folder"/>.</summary>
    public static string FolderPath(string root, int folder) => $"{root}/folder-{folder:D2}";

    /// <summary>The row of image <paramref name="number"/> with its embedding.</summary>
    public static EmbeddedImage Row(long sourceId, string root, long number, float[] embedding)
    {
        var taken = FirstDate + Span * Uniform(number, 2);
        var format = Uniform(number, 3) switch { < 0.8 => "jpeg", < 0.95 => "png", _ => "webp" };
        var extension = format == "jpeg" ? "jpg" : format;
        return new EmbeddedImage
        {
            SourceId = sourceId,
            Location = $"{FolderPath(root, FolderOf(number))}/img-{number:D8}.{extension}",
            Size = 200_000 + (long)(Uniform(number, 4) * 6_000_000),
            Modified = taken,
            DateTaken = taken,
            ContentHash = number.ToString("x16"),
            Width = 4032,
            Height = 3024,
            Format = format,
            Embedding = embedding,
        };
    }

    private static int FolderOf(long number) => Uniform(number, 1) switch
    {
        < 0.100 => 0,
        < 0.110 => 1,
        < 0.111 => 2,
        var u => 3 + Math.Min(Folders - 4, (int)((u - 0.111) / 0.889 * (Folders - 3))),
    };

    /// <summary>A uniform number in [0, 1) from the image number and a salt (SplitMix64).</summary>
    private static double Uniform(long number, int salt)
    {
        var z = (ulong)number * 0x9E3779B97F4A7C15UL + (ulong)salt * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) / (double)(1UL << 53);
    }
}
