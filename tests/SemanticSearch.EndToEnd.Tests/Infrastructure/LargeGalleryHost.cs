using SkiaSharp;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>A real host over <see cref="ImageCount"/> small, distinct images: enough results to scroll far past the fixture gallery's size.</summary>
public sealed class LargeGalleryHost() : GeneratedGalleryHost("large", ImageCount, TimeSpan.FromMinutes(4))
{
    /// <summary>Images written; more than five pages of 24 plus a remainder.</summary>
    public const int ImageCount = 160;

    /// <summary>A disc of a colour and size of its own on a background of its own.</summary>
    protected override void WriteImage(string folder, int index)
    {
        var random = new Random(index);
        using var bitmap = new SKBitmap(64, 64);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)) };
            canvas.DrawCircle(random.Next(8, 56), random.Next(8, 56), random.Next(6, 30), paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(folder, $"generated-{index:D3}.png"), data.ToArray());
    }
}
