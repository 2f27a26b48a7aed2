using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using SemanticSearch.Clip;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;

namespace SemanticSearch.Cli.Commands;

/// <summary>
/// <c>semsearch preprocess IMAGE --out FILE</c>: writes the CLIP model input of one image (C×H×W float32,
/// little-endian, no header) so it can be compared with another implementation, e.g. PIL + numpy.
/// </summary>
internal static class PreprocessCommand
{
    /// <summary>Exit code for an image that cannot be used (missing, empty, corrupt, not an image, over a limit).</summary>
    internal const int BadImageExitCode = 2;

    /// <summary>Builds the <c>preprocess</c> verb.</summary>
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "The image file (JPEG, PNG, GIF, WebP or BMP)." };
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the tensor: 3 × size × size float32 values, little-endian, channel-major, no header.",
            Required = true,
        };
        var size = new Option<int?>("--size")
        {
            Description = $"Input size in pixels (default: the model's, else CLIP's {PreprocessSpec.Clip.Size}).",
        };
        var model = new Option<DirectoryInfo?>("--model")
        {
            Description = "Model folder (Hugging Face or open_clip layout) whose preprocessing is used: size, mean, std, "
                + "interpolation and resize mode (default: OpenAI CLIP's).",
        };
        var command = new Command("preprocess",
            "Write an image's model input tensor (the model's resize, crop or squash and normalisation; C×H×W float32 LE) to a file.");
        command.Arguments.Add(image);
        command.Options.Add(output);
        command.Options.Add(size);
        command.Options.Add(model);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(image)!,
            parseResult.GetValue(output)!,
            parseResult.GetValue(size),
            parseResult.GetValue(model),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Preprocesses <paramref name="image"/> into <paramref name="output"/>; returns the exit code.</summary>
    internal static int Run(FileInfo image, FileInfo output, int? size, DirectoryInfo? modelDir, TextWriter stdout, TextWriter stderr)
    {
        PreprocessSpec spec;
        try
        {
            spec = modelDir is null ? PreprocessSpec.Clip : ClipModelFolder.Open(modelDir.FullName).Preprocess;
        }
        catch (Exception e) when (e is ClipModelException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"semsearch preprocess: {e.Message}");
            return 1;
        }
        if (size is { } s)
        {
            if (s is < 1 or > 4096)
            {
                stderr.WriteLine("semsearch preprocess: --size must be between 1 and 4096.");
                return 1;
            }
            spec = spec with { Size = s };
        }

        var tensor = new float[spec.TensorLength];
        ImageMetadata metadata;
        try
        {
            var bytes = ReadImage(image, DecodeLimits.Default);
            metadata = new ClipImagePreprocessor(new SkiaImageDecoder()).ToTensor(bytes, spec, tensor);
        }
        catch (ImageDecodeException e)
        {
            stderr.WriteLine($"semsearch preprocess: {image.FullName}: {e.Message} ({e.Kind})");
            return BadImageExitCode;
        }

        try
        {
            if (output.Directory is { Exists: false } dir)
                dir.Create();
            using var file = File.Create(output.FullName);
            WriteLittleEndian(file, tensor);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"semsearch preprocess: cannot write {output.FullName}: {e.Message}");
            return 1;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{image.Name}: {metadata.Format} {metadata.Width}×{metadata.Height} → 3×{spec.Size}×{spec.Size} float32 ({tensor.Length * 4} bytes) written to {output.FullName}"));
        return 0;
    }

    private static byte[] ReadImage(FileInfo image, DecodeLimits limits)
    {
        try
        {
            image.Refresh();
            // Check the size before reading, so a huge file is refused without loading it.
            if (image.Exists && image.Length > limits.MaxBytes)
                throw new ImageDecodeException(ImageErrorKind.TooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The file is {image.Length / 1048576.0:0.0} MB, above the limit of {limits.MaxBytes / 1048576.0:0.0} MB."));
            return File.ReadAllBytes(image.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(ImageErrorKind.Unreadable, $"The file cannot be read: {e.Message}", e);
        }
    }

    private static void WriteLittleEndian(Stream stream, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < values.Length; i++)
                values[i] = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(values[i])));
        }
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
