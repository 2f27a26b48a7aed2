using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using Xunit.Abstractions;

namespace SemanticSearch.Imaging.Tests;

/// <summary>Every kind of bad input ends in a typed <see cref="ImageDecodeException"/> with a readable reason.</summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private static readonly SkiaImageDecoder Decoder = new();

    [Theory]
    [InlineData("empty.jpg", ImageErrorKind.Empty, "empty", true)]
    [InlineData("truncated.jpg", ImageErrorKind.Corrupt, "truncated", false)]
    [InlineData("header-only.jpg", ImageErrorKind.Corrupt, "JPEG", true)]
    [InlineData("truncated.png", ImageErrorKind.Corrupt, "truncated", false)]
    [InlineData("signature-only.png", ImageErrorKind.Corrupt, "PNG", true)]
    [InlineData("random.jpg", ImageErrorKind.NotAnImage, "binary data", true)]
    [InlineData("page.png", ImageErrorKind.NotAnImage, "HTML", true)]
    [InlineData("notes.jpg", ImageErrorKind.NotAnImage, "text", true)]
    [InlineData("bomb-30000x30000.png", ImageErrorKind.TooManyPixels, "30000 × 30000", true)]
    [InlineData("bomb-60000x60000.jpg", ImageErrorKind.TooManyPixels, "60000 × 60000", true)]
    [InlineData("tiny.tif", ImageErrorKind.UnsupportedFormat, "TIFF", true)]
    [InlineData("photo.heic", ImageErrorKind.UnsupportedFormat, "HEIC", true)]
    public void Bad_files_fail_with_a_typed_readable_error(string file, ImageErrorKind kind, string reasonContains, bool headerIsBad)
    {
        var bytes = ImagingFixtures.BadBytes(file);

        var decode = Assert.Throws<ImageDecodeException>(() => Decoder.Decode(bytes, 224));
        var tensor = Assert.Throws<ImageDecodeException>(
            () => new ClipImagePreprocessor(Decoder).ToTensor(bytes, PreprocessSpec.Clip, new float[PreprocessSpec.Clip.TensorLength]));
        var errors = new List<ImageDecodeException> { decode, tensor };
        // ReadMetadata reads only the header, so a file cut off in its pixel data still has metadata.
        if (headerIsBad)
            errors.Add(Assert.Throws<ImageDecodeException>(() => Decoder.ReadMetadata(bytes)));
        else
            Assert.True(Decoder.ReadMetadata(bytes).Width > 0);

        output.WriteLine($"{file}: {decode.Kind}: {decode.Message}");
        foreach (var e in errors)
        {
            Assert.Equal(kind, e.Kind);
            Assert.Contains(reasonContains, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith(".", e.Message);
        }
    }

    [Fact]
    public void The_pixel_limit_is_checked_from_the_header_and_configurable()
    {
        var bytes = ImagingFixtures.PhotoBytes("chelsea.jpg");
        var limits = DecodeLimits.Default with { MaxPixels = 100_000 };

        var e = Assert.Throws<ImageDecodeException>(() => Decoder.Decode(bytes, 0, limits));

        Assert.Equal(ImageErrorKind.TooManyPixels, e.Kind);
        Assert.Contains("451 × 300", e.Message);
        Assert.Contains("0.1 megapixels", e.Message);
        Assert.Equal(451, Decoder.Decode(bytes, 0, DecodeLimits.Default with { MaxPixels = 451 * 300 }).Pixels.Width);
    }

    [Fact]
    public void The_byte_limit_is_checked_before_anything_else()
    {
        var bytes = ImagingFixtures.PhotoBytes("rocket.jpg");
        var e = Assert.Throws<ImageDecodeException>(() => Decoder.ReadMetadata(bytes, DecodeLimits.Default with { MaxBytes = 100_000 }));
        Assert.Equal(ImageErrorKind.TooLarge, e.Kind);
        Assert.Contains("above the limit", e.Message);
    }

    [Theory]
    [InlineData("chelsea.jpg")]
    [InlineData("coffee-palette.png")]
    [InlineData("coffee.webp")]
    [InlineData("chelsea-2frames.gif")]
    [InlineData("chelsea.bmp")]
    public void Any_truncation_or_damage_is_an_ImageDecodeException_never_a_crash(string file)
    {
        var original = ImagingFixtures.PhotoBytes(file);
        var random = new Random(file.Length);
        int failures = 0, successes = 0;

        void Attempt(byte[] data)
        {
            try
            {
                Decoder.Decode(data, random.Next(2) * 64);
                successes++;
            }
            catch (ImageDecodeException)
            {
                failures++;
            }
        }

        for (int i = 0; i < 40; i++)
            Attempt(original[..random.Next(original.Length)]);
        for (int i = 0; i < 40; i++)
        {
            var damaged = (byte[])original.Clone();
            for (int n = 0; n < 1 + i % 8; n++)
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            Attempt(damaged);
        }

        output.WriteLine($"{file}: {successes} decoded, {failures} rejected");
        Assert.True(failures >= 30, "most truncations must be rejected");
    }
}
