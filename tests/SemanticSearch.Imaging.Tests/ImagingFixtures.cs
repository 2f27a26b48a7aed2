using System.IO.Compression;
using System.Text.Json;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Imaging.Tests;

/// <summary>Paths and readers for tests/fixtures/{photos,bad,preprocess} (made by tools/preprocess/*.py).</summary>
internal static class ImagingFixtures
{
    private static readonly Lazy<ReferenceManifest> ManifestLazy = new(LoadManifest);

    public static string Photo(string name) => Path.Combine(RepoPaths.Fixtures, "photos", name);

    public static string Bad(string name) => Path.Combine(RepoPaths.Fixtures, "bad", name);

    public static byte[] PhotoBytes(string name) => File.ReadAllBytes(Photo(name));

    public static byte[] BadBytes(string name) => File.ReadAllBytes(Bad(name));

    public static ReferenceManifest Manifest => ManifestLazy.Value;

    /// <summary>Full-size decode with our decoder (PNG/BMP/GIF are lossless, so this equals PIL's pixels).</summary>
    public static RgbImage DecodeFull(string photo) => new SkiaImageDecoder().Decode(PhotoBytes(photo)).Pixels;

    public static byte[] ReadGzip(string referenceFile)
    {
        using var file = File.OpenRead(Path.Combine(RepoPaths.Fixtures, "preprocess", referenceFile));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    public static float[] ReadGzipFloats(string referenceFile)
    {
        var bytes = ReadGzip(referenceFile);
        var floats = new float[bytes.Length / 4];
        for (int i = 0; i < floats.Length; i++)
            floats[i] = BitConverter.ToSingle(bytes, i * 4); // little-endian on every supported platform
        return floats;
    }

    public static PreprocessSpec Spec(int size) => PreprocessSpec.Clip with { Size = size };

    private static ReferenceManifest LoadManifest()
    {
        var path = Path.Combine(RepoPaths.Fixtures, "preprocess", "manifest.json");
        return JsonSerializer.Deserialize<ReferenceManifest>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("Empty manifest " + path);
    }
}
