using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;

namespace SemanticSearch.Imaging.Tests;

public sealed class SkiaImageDecoderTests
{
    private static readonly SkiaImageDecoder Decoder = new();

    [Theory]
    [InlineData("chelsea.jpg", "jpeg", 451, 300)]
    [InlineData("rocket.jpg", "jpeg", 640, 427)]
    [InlineData("coffee-3000x2000.jpg", "jpeg", 3000, 2000)]
    [InlineData("camera-gray.jpg", "jpeg", 512, 512)]
    [InlineData("astronaut-alpha.png", "png", 256, 256)]
    [InlineData("coffee-palette.png", "png", 300, 200)]
    [InlineData("chelsea-rgb16.png", "png", 160, 120)]
    [InlineData("ramp-gray16.png", "png", 64, 64)]
    [InlineData("chelsea-2frames.gif", "gif", 300, 200)]
    [InlineData("chelsea-transparent.gif", "gif", 96, 64)]
    [InlineData("coffee.webp", "webp", 600, 400)]
    [InlineData("astronaut-alpha.webp", "webp", 128, 128)]
    [InlineData("chelsea.bmp", "bmp", 160, 120)]
    public void Decodes_every_supported_format_at_full_size(string file, string format, int width, int height)
    {
        var bytes = ImagingFixtures.PhotoBytes(file);

        var metadata = Decoder.ReadMetadata(bytes);
        var decoded = Decoder.Decode(bytes);

        Assert.Equal((format, width, height), (metadata.Format, metadata.Width, metadata.Height));
        Assert.Equal(metadata with { }, decoded.Metadata);
        Assert.Equal((width, height), (decoded.Pixels.Width, decoded.Pixels.Height));
        Assert.Equal(1.0, decoded.Scale);
        Assert.True(StdDev(decoded.Pixels) > 10, "a photo is not a flat colour");
    }

    [Theory]
    [InlineData("chelsea-orientation3.jpg")]
    [InlineData("chelsea-orientation6.jpg")]
    [InlineData("chelsea-orientation8.jpg")]
    public void Applies_the_EXIF_orientation(string file)
    {
        var upright = Decoder.Decode(ImagingFixtures.PhotoBytes("chelsea.jpg")).Pixels;
        var bytes = ImagingFixtures.PhotoBytes(file);

        var decoded = Decoder.Decode(bytes);

        Assert.Equal((451, 300), (decoded.Metadata.Width, decoded.Metadata.Height));
        Assert.Equal((451, 300), (Decoder.ReadMetadata(bytes).Width, Decoder.ReadMetadata(bytes).Height));
        Assert.Equal((451, 300), (decoded.Pixels.Width, decoded.Pixels.Height));
        // Same photo, recompressed in another orientation: a couple of levels apart, versus ~40+ when misoriented.
        Assert.True(MeanAbsDiff(upright, decoded.Pixels) < 3, $"mean diff {MeanAbsDiff(upright, decoded.Pixels):F2}");
    }

    [Fact]
    public void Orientation_is_also_applied_to_scaled_decodes()
    {
        var decoded = Decoder.Decode(ImagingFixtures.PhotoBytes("chelsea-orientation6.jpg"), minShortSide: 64);

        Assert.Equal(0.5, decoded.Scale);
        Assert.Equal((226, 150), (decoded.Pixels.Width, decoded.Pixels.Height));
        // Stored 300 x 451 at 1/2 is 150 x 226 with half a pixel of padding at the bottom, which the
        // 90° clockwise turn moves to the left.
        Assert.Equal((0.5, 0.0), (decoded.ContentLeft, decoded.ContentTop));
    }

    [Fact]
    public void Alpha_is_dropped_without_compositing_like_PIL()
    {
        // The top-left 64 x 64 block is fully transparent but keeps the astronaut's colours.
        var pixels = Decoder.Decode(ImagingFixtures.PhotoBytes("astronaut-alpha.png")).Pixels;
        var opaque = Decoder.Decode(ImagingFixtures.PhotoBytes("astronaut-alpha.webp")).Pixels;
        var block = Crop(pixels, 0, 0, 64, 64);

        Assert.True(StdDev(block) > 5, "transparent pixels keep their stored colours");
        Assert.InRange(Mean(block), 20, 235);
        Assert.True(StdDev(Crop(opaque, 0, 0, 32, 32)) > 5);
    }

    [Fact]
    public void Grayscale_becomes_equal_RGB_channels()
    {
        foreach (var file in new[] { "camera-gray.jpg", "camera-gray.png", "ramp-gray16.png" })
        {
            var pixels = Decoder.Decode(ImagingFixtures.PhotoBytes(file)).Pixels.Pixels;
            for (int i = 0; i < pixels.Length; i += 3)
                Assert.True(pixels[i] == pixels[i + 1] && pixels[i] == pixels[i + 2], $"{file}: pixel {i / 3} is not gray");
        }
    }

    [Fact]
    public void Sixteen_bit_grayscale_keeps_its_full_range()
    {
        // Values rise by 520/65535 per step along each axis: 0 at the top-left, 65520 at the bottom-right.
        var image = Decoder.Decode(ImagingFixtures.PhotoBytes("ramp-gray16.png")).Pixels;
        byte At(int x, int y) => image.Pixels[(y * image.Width + x) * 3];

        Assert.Equal(0, At(0, 0));
        Assert.InRange(At(63, 63), 254, 255);
        Assert.InRange(At(63, 0), 125, 130);
        for (int x = 1; x < 64; x++)
            Assert.True(At(x, 10) >= At(x - 1, 10));
    }

    [Fact]
    public void Transparent_GIF_pixels_show_their_palette_colour_like_PIL()
    {
        // The top-left pixel's palette index is the transparent one; Skia alone would give transparent black.
        var pixels = Decoder.Decode(ImagingFixtures.PhotoBytes("chelsea-transparent.gif")).Pixels.Pixels;
        Assert.NotEqual((0, 0, 0), (pixels[0], pixels[1], pixels[2]));
        Assert.True(GifTransparentColour.TryFind(ImagingFixtures.PhotoBytes("chelsea-transparent.gif"), out var colour));
        Assert.Equal(colour, (pixels[0], pixels[1], pixels[2]));
        Assert.False(GifTransparentColour.TryFind(ImagingFixtures.PhotoBytes("chelsea-2frames.gif"), out _));
    }

    [Fact]
    public void Only_the_first_GIF_frame_is_decoded()
    {
        // The second frame is a single flat colour.
        var pixels = Decoder.Decode(ImagingFixtures.PhotoBytes("chelsea-2frames.gif")).Pixels;
        Assert.True(StdDev(pixels) > 20);
    }

    [Theory]
    [InlineData("coffee-3000x2000.jpg", 224, 0.25, 750, 500)]
    [InlineData("coffee-3000x2000.jpg", 96, 0.125, 375, 250)]
    [InlineData("coffee-3000x2000.jpg", 0, 1.0, 3000, 2000)]
    [InlineData("coffee-3000x2000.jpg", 1000, 1.0, 3000, 2000)]
    [InlineData("rocket.jpg", 224, 1.0, 640, 427)]
    [InlineData("rocket.jpg", 96, 0.5, 320, 214)]
    [InlineData("coffee.webp", 96, 1.0, 600, 400)]
    [InlineData("coffee-palette.png", 32, 1.0, 300, 200)]
    public void JPEGs_are_decoded_at_a_reduced_DCT_scale_with_a_margin(string file, int minShortSide, double scale, int width, int height)
    {
        var decoded = Decoder.Decode(ImagingFixtures.PhotoBytes(file), minShortSide);

        Assert.Equal(scale, decoded.Scale);
        Assert.Equal((width, height), (decoded.Pixels.Width, decoded.Pixels.Height));
        Assert.True(Math.Min(width, height) >= Math.Min(minShortSide, Math.Min(decoded.Metadata.Width, decoded.Metadata.Height)));
    }

    [Fact]
    public void Without_a_margin_the_smallest_covering_scale_is_used()
    {
        var decoded = new SkiaImageDecoder(dctScaleMargin: 1).Decode(ImagingFixtures.PhotoBytes("coffee-3000x2000.jpg"), 224);
        Assert.Equal((375, 250), (decoded.Pixels.Width, decoded.Pixels.Height));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaImageDecoder(0.5));
    }

    [Fact]
    public void Reads_date_taken_and_camera_from_EXIF()
    {
        var metadata = Decoder.ReadMetadata(ImagingFixtures.PhotoBytes("coffee-exif.jpg"));

        Assert.Equal(new DateTimeOffset(2021, 7, 14, 16, 32, 5, TimeSpan.Zero), metadata.DateTaken);
        Assert.Equal("Canon EOS 80D", metadata.Camera);
        Assert.Equal(metadata, Decoder.Decode(ImagingFixtures.PhotoBytes("coffee-exif.jpg"), 224).Metadata);

        var plain = Decoder.ReadMetadata(ImagingFixtures.PhotoBytes("chelsea.jpg"));
        Assert.Null(plain.DateTaken);
        Assert.Null(plain.Camera);
    }

    [Fact]
    public void Broken_EXIF_loses_the_metadata_but_not_the_image()
    {
        var jpeg = ImagingFixtures.PhotoBytes("chelsea.jpg");
        // An APP1 "Exif" segment whose TIFF header points far outside the segment, followed by junk.
        byte[] payload = [.. "Exif\0\0"u8, .. "II*\0"u8, 0xF0, 0xFF, 0xFF, 0x7F, 0x12, 0x00, 0xFF, 0xFF, 0x01, 0x02, 0x03, 0x04, 0x05];
        int length = payload.Length + 2;
        byte[] broken = [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg.AsSpan(2)];

        var decoded = Decoder.Decode(broken);

        Assert.Equal((451, 300), (decoded.Pixels.Width, decoded.Pixels.Height));
        Assert.Null(decoded.Metadata.DateTaken);
        Assert.Null(decoded.Metadata.Camera);
    }

    [Fact]
    public void Decoding_is_thread_safe()
    {
        string[] files = ["chelsea.jpg", "coffee-3000x2000.jpg", "astronaut-alpha.png", "coffee.webp", "chelsea-2frames.gif", "chelsea-orientation6.jpg"];
        var expected = files.ToDictionary(f => f, f => Decoder.Decode(ImagingFixtures.PhotoBytes(f), 224).Pixels.Pixels);
        var bytes = files.ToDictionary(f => f, ImagingFixtures.PhotoBytes);
        var mismatches = 0;

        Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var file = files[i % files.Length];
            if (!Decoder.Decode(bytes[file], 224).Pixels.Pixels.AsSpan().SequenceEqual(expected[file]))
                Interlocked.Increment(ref mismatches);
        });

        Assert.Equal(0, mismatches);
    }

    internal static double Mean(RgbImage image) => image.Pixels.Average(b => (double)b);

    internal static double StdDev(RgbImage image)
    {
        double mean = Mean(image);
        return Math.Sqrt(image.Pixels.Average(b => (b - mean) * (b - mean)));
    }

    private static double MeanAbsDiff(RgbImage a, RgbImage b)
    {
        Assert.Equal(a.Pixels.Length, b.Pixels.Length);
        double sum = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
            sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return sum / a.Pixels.Length;
    }

    private static RgbImage Crop(RgbImage image, int left, int top, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            image.Pixels.AsSpan(((top + y) * image.Width + left) * 3, width * 3).CopyTo(pixels.AsSpan(y * width * 3));
        return new RgbImage(width, height, pixels);
    }
}
