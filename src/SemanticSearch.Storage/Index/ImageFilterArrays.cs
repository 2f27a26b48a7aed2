namespace SemanticSearch.Storage.Index;

/// <summary>
/// The arrays behind <see cref="ImageFilterColumns"/>, indexed by image id. Replaced as a whole when grown, so a reader
/// holding one instance always sees arrays of one length.
/// </summary>
internal sealed class ImageFilterArrays(int length)
{
    /// <summary>Date value of an image without a date taken.</summary>
    public const long NoDate = long.MinValue;

    public int Length { get; } = length;

    /// <summary>Source code per image; 0: not an indexed image.</summary>
    public int[] Source { get; } = new int[length];

    /// <summary>Folder code per image.</summary>
    public int[] Folder { get; } = new int[length];

    /// <summary>Format code per image; 0: unknown.</summary>
    public int[] Format { get; } = new int[length];

    /// <summary>Date taken as UTC ticks per image, or <see cref="NoDate"/>.</summary>
    public long[] Taken { get; } = new long[length];

    /// <summary>A copy with room for <paramref name="length"/> images.</summary>
    public ImageFilterArrays GrownTo(int length)
    {
        var grown = new ImageFilterArrays(length);
        Source.CopyTo(grown.Source, 0);
        Folder.CopyTo(grown.Folder, 0);
        Format.CopyTo(grown.Format, 0);
        Taken.CopyTo(grown.Taken, 0);
        return grown;
    }
}
