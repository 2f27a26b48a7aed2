using System.IO.Compression;
using SemanticSearch.Cli.Commands;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

public sealed class PreprocessCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-preprocess");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Preprocess_with_an_open_clip_model_uses_its_squash_and_bilinear_preprocessing()
    {
        // SigLIP 2's folder: bilinear, squash, mean and std 0.5; --size 96 matches the committed PIL crop.
        var model = ModelFamilyFolders.Materialize("siglip2", _temp.Path);
        var photo = Path.Combine(RepoPaths.Fixtures, "photos", "chelsea.bmp");
        var output = _temp.Combine("chelsea.f32");

        var (exit, stdout, stderr) = await SemsearchProcess.RunAsync(_temp.Path, "preprocess", photo, "--model", model, "--size", "96", "--out", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("3×96×96", stdout);
        var actual = ReadFloats(output);
        var crop = ReadGzip(Path.Combine(ModelFamilyFolders.Root, "preprocess", "chelsea-bmp-96-bilinear-squash.u8.gz"));
        Assert.Equal(3 * 96 * 96, actual.Length);
        const int plane = 96 * 96;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
                Assert.Equal((crop[i * 3 + c] / 255f - 0.5f) / 0.5f, actual[c * plane + i]);
        }
    }

    [Fact]
    public async Task Preprocess_with_a_broken_open_clip_folder_names_the_missing_file()
    {
        var model = ModelFamilyFolders.Materialize("openclip", _temp.Path);
        File.Delete(Path.Combine(model, "visual", "preprocess_cfg.json"));

        var (exit, _, stderr) = await SemsearchProcess.RunAsync(_temp.Path, "preprocess",
            Path.Combine(RepoPaths.Fixtures, "photos", "chelsea.bmp"), "--model", model, "--out", _temp.Combine("x.f32"));

        Assert.Equal(1, exit);
        Assert.Contains("visual/preprocess_cfg.json", stderr);
    }

    private static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }

    private static byte[] ReadGzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
