using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;

namespace SemanticSearch.Imaging.Tests;

public sealed class SkiaThumbnailEncoderTests
{
    private static readonly SkiaImageDecoder Decoder = new();
    private static readonly SkiaThumbnailEncoder Encoder = new();

    [Theory]
    [InlineData("coffee-3000x2000.jpg", 320, 213)]
    [InlineData("chelsea-orientation6.jpg", 320, 213)]
    [InlineData("camera-gray.jpg", 320, 320)]
    [InlineData("chelsea.bmp", 160, 120)] // smaller than 320: never upscaled
    public void Encodes_a_small_WebP_whose_longest_side_is_at_most_320(string file, int width, int height)
    {
        var image = Decoder.Decode(ImagingFixtures.PhotoBytes(file), minShortSide: 320).Pixels;

        var webp = Encoder.Encode(image);

        Assert.True(webp.AsSpan().StartsWith("RIFF"u8) && webp.AsSpan(8, 4).SequenceEqual("WEBP"u8));
        Assert.InRange(webp.Length, 500, 40_000);
        var back = Decoder.Decode(webp);
        Assert.Equal("webp", back.Metadata.Format);
        Assert.Equal((width, height), (back.Pixels.Width, back.Pixels.Height));
        Assert.InRange(SkiaImageDecoderTests.Mean(back.Pixels), SkiaImageDecoderTests.Mean(image) - 3, SkiaImageDecoderTests.Mean(image) + 3);
    }

    [Fact]
    public void Honours_a_smaller_maximum_and_reports_its_type()
    {
        var image = Decoder.Decode(ImagingFixtures.PhotoBytes("rocket.jpg")).Pixels;

        var back = Decoder.Decode(Encoder.Encode(image, maxSide: 64)).Pixels;

        Assert.Equal((64, 43), (back.Width, back.Height));
        Assert.Equal(".webp", Encoder.Extension);
        Assert.Equal("image/webp", Encoder.ContentType);
        Assert.Equal((1, 320), SkiaThumbnailEncoder.ThumbnailSize(10, 5000, 320));
    }
}
