using SkiaSharp;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real host over <see cref="ImageCount"/> tiny, distinct images: a full rebuild takes long enough (seconds) to be
/// seen running part-way, with its total and ETA, and to be cancelled half done.
/// </summary>
public sealed class BigGalleryHost() : GeneratedGalleryHost("big", ImageCount, TimeSpan.FromMinutes(6))
{
    /// <summary>Images written.</summary>
    public const int ImageCount = 3000;

    protected override void WriteImage(string folder, int index)
    {
        using var paint = new SKPaint();
        using var bitmap = new SKBitmap(32, 32);
        using (var canvas = new SKCanvas(bitmap))
        {
            // Background and a pixel pattern from the index.
            canvas.Clear(new SKColor((byte)(index * 7), (byte)(index * 13), (byte)(index * 29)));
            paint.Color = new SKColor((byte)(255 - index % 256), (byte)(index / 256 * 17), 90);
            canvas.DrawRect(index % 24, index / 24 % 24, 8, 8, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(folder, $"big-{index:D4}.png"), data.ToArray());
    }
}
